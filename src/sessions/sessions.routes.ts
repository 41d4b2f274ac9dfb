import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessService, Membership, SessionView } from '../access/access.service.js';
import { AppError } from '../errors.js';
import { requestContext } from '../http/context.js';
import type { Lane, LaneAnswer } from '../http/fast-lanes.js';
import { fastResponseSerializer } from '../http/json-writer.js';
import { errorBody, isoTime } from '../http/schemas.js';
import { type CookiePolicy, clearSessionCookie, readSessionCookie, sessionCookieName } from './cookie.js';
import type { ActiveSession, SessionCheck, SessionService } from './sessions.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: ActiveSession;
  }
}

export type SessionGuard = (
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
) => void;

/**
 * preHandler: the request needs a live session; otherwise 401 `unauthenticated` saying why. In
 * callback form: most checks are answered from memory at once, and only the others wait for the store.
 */
export function createSessionGuard(deps: { sessions: SessionService; cookie: CookiePolicy }): SessionGuard {
  const settle = (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string | undefined,
    result: SessionCheck,
    done: HookHandlerDoneFunction,
  ) => {
    if (!result.ok) {
      if (token) clearSessionCookie(reply, deps.cookie);
      return done(new AppError('unauthenticated', 401, { details: { reason: result.reason } }));
    }
    request.session = result.session;
    done();
  };
  return (request, reply, done) => {
    const passive = (request.query as Record<string, unknown> | undefined)?.passive === '1';
    const token = readSessionCookie(request, deps.cookie);
    const result = deps.sessions.check(token, { passive, context: () => requestContext(request) });
    if (!(result instanceof Promise)) return settle(request, reply, token, result, done);
    result.then((checked) => settle(request, reply, token, checked, done), done);
  };
}

const sessionBody = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), language: z.enum(['fr', 'en']) }),
  session: z.object({
    id: z.string(),
    createdAt: z.string(),
    lastActivityAt: z.string(),
    idleExpiresAt: z.string(),
    absoluteExpiresAt: z.string(),
    idleTimeoutSeconds: z.number(),
    maxAgeSeconds: z.number(),
    /** The server's clock, so the page can correct for a wrong clock on the device. */
    serverNow: z.string(),
  }),
  memberships: z.array(
    z.object({
      propertyId: z.string(),
      propertyName: z.string(),
      propertyStatus: z.enum(['active', 'suspended']),
      role: z.enum(['admin', 'user_manager', 'member']),
      isPrimaryContact: z.boolean(),
      requireTwoFactor: z.boolean(),
    }),
  ),
  activePropertyId: z.string().nullable(),
});

const COOKIE_CHECK = 'portier_cookie_check';

/** The answer of GET /api/v1/session, for the route and its fast lane alike. */
function sessionAnswer(
  sessions: SessionService,
  s: ActiveSession,
  view: SessionView,
): z.infer<typeof sessionBody> {
  return {
    user: s.user,
    session: {
      id: s.id,
      createdAt: isoTime(s.createdAt),
      lastActivityAt: isoTime(s.lastActivityAt),
      idleExpiresAt: isoTime(s.idleExpiresAt),
      absoluteExpiresAt: isoTime(s.absoluteExpiresAt),
      idleTimeoutSeconds: Math.floor(sessions.idleMs / 1000),
      maxAgeSeconds: Math.floor(sessions.maxMs / 1000),
      serverNow: isoTime(sessions.now()),
    },
    // Frozen and shared between requests (the writer then reuses its text); only read from here on.
    memberships: view.memberships as Membership[],
    activePropertyId: view.activePropertyId,
  };
}

export const SESSION_PATH = '/api/v1/session';

/**
 * GET /api/v1/session in front of Fastify (see http/fast-lanes.ts): the route's success when the
 * session and memberships are in memory and nothing is due (no expiry, no activity to record);
 * `false` for anything else, which the route then serves. Same query rule (nothing, or passive=0|1),
 * same cookie parser, same body writer.
 */
export function sessionLane(deps: {
  sessions: SessionService;
  access: AccessService;
  cookie: CookiePolicy;
  parseCookie: (header: string) => Record<string, string | undefined>;
  send: LaneAnswer;
  /** The route's duration series (GET, 200). */
  record: (seconds: number) => void;
  /** Answers given by this lane (a metric). */
  answered: { count: number };
}): Lane {
  const name = sessionCookieName(deps.cookie);
  const write = fastResponseSerializer({ schema: sessionBody, method: 'GET', url: SESSION_PATH });
  return (req, res, at) => {
    let passive: boolean;
    if (at.query === '' || at.query === 'passive=0') passive = false;
    else if (at.query === 'passive=1') passive = true;
    else return false;
    const header = req.headers.cookie;
    if (!header) return false;
    const session = deps.sessions.peek(deps.parseCookie(header)[name], { passive });
    const view = session && deps.access.peekSessionView(session);
    if (!session || !view) return false;
    let body: string;
    try {
      body = write(sessionAnswer(deps.sessions, session, view));
    } catch {
      return false; // the route reports it as its own error
    }
    deps.send(req, res, at, body, deps.record);
    deps.answered.count++;
    return true;
  };
}

export function sessionRoutes(deps: {
  sessions: SessionService;
  access: AccessService;
  cookie: CookiePolicy;
  requireSession: SessionGuard;
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      SESSION_PATH,
      {
        schema: {
          tags: ['session'],
          summary: 'The signed-in user and session',
          description:
            'Counts as activity and extends the idle limit, unless `passive=1` (the page’s own timers), ' +
            'which only reports the remaining time.',
          querystring: z.object({ passive: z.enum(['0', '1']).optional() }).strict(),
          response: { 200: sessionBody, 400: errorBody, 401: errorBody },
        },
        // Every open page asks this: a writer compiled from the same schema keeps it cheap.
        serializerCompiler: fastResponseSerializer,
        preHandler: deps.requireSession,
      },
      (request) => {
        const s = request.session;
        // Answered at once when the memberships are in memory; otherwise once they are read.
        const view = deps.access.sessionView(s);
        return view instanceof Promise
          ? view.then((v) => sessionAnswer(deps.sessions, s, v))
          : sessionAnswer(deps.sessions, s, view);
      },
    );

    app.get(
      '/api/v1/account/sessions',
      {
        schema: {
          tags: ['account'],
          summary: 'The signed-in user’s active sessions (device, IP, last activity)',
          response: {
            200: z.object({
              sessions: z.array(
                z.object({
                  id: z.string(),
                  current: z.boolean(),
                  createdAt: z.string(),
                  lastActivityAt: z.string(),
                  ip: z.string().nullable(),
                  userAgent: z.string().nullable(),
                }),
              ),
            }),
            401: errorBody,
          },
        },
        preHandler: deps.requireSession,
      },
      async (request) => {
        const sessions = await deps.sessions.list(request.session);
        return {
          sessions: sessions.map((s) => ({
            ...s,
            createdAt: isoTime(s.createdAt),
            lastActivityAt: isoTime(s.lastActivityAt),
          })),
        };
      },
    );

    app.post(
      '/api/v1/account/sessions/:id/end',
      {
        schema: {
          tags: ['account'],
          summary: 'Sign out one of your sessions',
          params: z.object({ id: z.uuid() }),
          body: z.object({}).strict().optional(),
          response: { 204: z.null(), 400: errorBody, 401: errorBody, 404: errorBody },
        },
        preHandler: deps.requireSession,
      },
      async (request, reply) => {
        const ended = await deps.sessions.endOne(request.session, request.params.id, requestContext(request));
        if (!ended) throw new AppError('not_found', 404);
        if (request.params.id === request.session.id) clearSessionCookie(reply, deps.cookie);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/account/sessions/end-others',
      {
        schema: {
          tags: ['account'],
          summary: 'Sign out everywhere else (keeps this session)',
          body: z.object({}).strict().optional(),
          response: { 200: z.object({ ended: z.number() }), 401: errorBody },
        },
        preHandler: deps.requireSession,
      },
      async (request) => ({ ended: await deps.sessions.endOthers(request.session, requestContext(request)) }),
    );

    // A real cookie round trip for the sign-in page's "cookies are blocked" notice (SPEC §2).
    app.get(
      '/api/v1/cookie-check',
      {
        schema: {
          tags: ['session'],
          summary:
            'Cookie round trip: first call sets a test cookie, `step=verify` reports whether it came back',
          querystring: z.object({ step: z.enum(['set', 'verify']).optional() }).strict(),
          response: {
            200: z.object({ cookiesEnabled: z.boolean().optional(), set: z.boolean().optional() }),
          },
        },
      },
      async (request, reply) => {
        if (request.query.step === 'verify') {
          return { cookiesEnabled: request.cookies[COOKIE_CHECK] === '1' };
        }
        reply.setCookie(COOKIE_CHECK, '1', {
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.cookie.secure,
          path: '/api/v1/cookie-check',
          maxAge: 300,
        });
        return { set: true };
      },
    );
  };
}
