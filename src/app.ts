/**
 * buildApp(container): the HTTP service, without listening. Tests call `app.inject()` on it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { accessRoutes } from './access/access.routes.js';
import type { Container } from './container.js';
import { pingStore } from './db/database.js';
import { AppError, errorHandler, sendError } from './errors.js';
import { isApiPath } from './http/api-path.js';
import { createClientErrorHandler } from './http/client-errors.js';
import { clientIpOf, trustFunction } from './http/client-ip.js';
import { createCsrfGuard } from './http/csrf.js';
import { createFastLanes, createLaneAnswer } from './http/fast-lanes.js';
import { nulGuard } from './http/nul-guard.js';
import { completeOpenApi, securitySchemes, withSessionSecurity } from './http/openapi.js';
import { requestIdOf, requestIds } from './http/request-id.js';
import { securityHeaderOptions, securityHeaders } from './http/security-headers.js';
import { mfaRoutes } from './mfa/mfa.routes.js';
import { devMailboxRoutes } from './notifications/dev-mailbox.routes.js';
import { laneCounter } from './observability/metrics.js';
import { createMetricsGate } from './observability/metrics-access.js';
import { lazyChildLogger } from './observability/request-logger.js';
import { passwordRoutes } from './passwords/passwords.routes.js';
import { propertyRoutes } from './properties/properties.routes.js';
import { createSessionGuard, SESSION_PATH, sessionLane, sessionRoutes } from './sessions/sessions.routes.js';
import { signInRoutes } from './sign-in/sign-in.routes.js';

const WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

/** Logged URLs keep their path but never a token-like query value. */
function safeUrl(url: string) {
  return url.replace(/([?&](?:token|code|changeToken|challenge)=)[^&]*/gi, '$1[redacted]');
}

/** What the router's own refusals become (see `frameworkErrors`). */
function frameworkError(code: string): AppError {
  switch (code) {
    case 'FST_ERR_BAD_URL':
      return new AppError('invalid_request', 400, { messageKey: 'malformed_url' });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('uri_too_long', 414);
    default:
      return new AppError('internal_error', 500);
  }
}

export async function buildApp(c: Container) {
  const ids = requestIds();
  // The hottest answers skip Fastify when memory can give them (see http/fast-lanes.ts).
  const lanes = createFastLanes();
  const headers = securityHeaders(securityHeaderOptions({ https: c.config.secureCookies }));
  const app = Fastify({
    loggerInstance: c.logger.child(
      {},
      {
        serializers: {
          req: (req: { method: string; url: string; ip?: string }) => ({
            method: req.method,
            url: safeUrl(req.url),
            ip: req.ip,
          }),
        },
      },
    ),
    bodyLimit: c.config.bodyLimit,
    requestTimeout: c.config.requestTimeout,
    clientErrorHandler: createClientErrorHandler(headers.api),
    trustProxy: trustFunction(c.config.trustProxy),
    requestIdHeader: false,
    genReqId: (req) => requestIdOf(req, ids),
    serverFactory: lanes.serverFactory,
    // Each request's logger (bound to its id) is built only when something is logged.
    childLoggerFactory: lazyChildLogger,
    routerOptions: { maxParamLength: 200 },
    // URLs the router refuses before any route or hook runs: the API's error answer and headers,
    // not Fastify's own body (which echoes the URL back).
    frameworkErrors: (error, request, reply) => {
      reply.headers(headers.api);
      reply.header('x-request-id', request.id);
      return sendError(request, reply, frameworkError(error.code));
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Portier API',
        version: '1.0.0',
        description:
          'Sign-in and account access. Errors are `{ error: { code, message } }`, message in fr or en.',
      },
      tags: [
        { name: 'auth' },
        { name: 'session' },
        { name: 'passwords' },
        { name: 'account' },
        { name: 'ops' },
      ],
      components: { securitySchemes },
    },
    transform: withSessionSecurity(jsonSchemaTransform, (handler) => handler === requireSession),
    transformObject: (document) => completeOpenApi(jsonSchemaTransformObject(document)),
  });

  await app.register(fastifyCookie);
  // helmet's headers, computed once (see http/security-headers.ts; API answers get the subset that
  // applies to them, with no-store), and the request id — one hook for all of them.
  // onRequest: a forged request is refused before its body is even parsed.
  const csrfGuard = createCsrfGuard({ publicOrigin: c.config.publicOrigin });
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(isApiPath(request.url) ? headers.api : headers.document);
    reply.header('x-request-id', request.id);
    csrfGuard(request, reply, done);
  });
  app.addHook('preValidation', nulGuard);
  // Request durations, labelled by method, route pattern and status. Each route gets its own
  // onResponse hook that knows its pattern (reading it back per request builds Fastify's whole
  // routeOptions object); answers no route matched are counted by one global hook as `unmatched`.
  const durationRecorder = (route: string) => {
    const series = new Map<string, (seconds: number) => void>();
    return (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const key = request.method + reply.statusCode;
      let record = series.get(key);
      if (!record) {
        record = c.metrics.httpDuration.series({
          method: request.method,
          route,
          status: String(reply.statusCode),
        });
        series.set(key, record);
      }
      record(reply.elapsedTime / 1000);
      done();
    };
  };
  app.addHook('onRoute', (route) => {
    const own = route.onResponse;
    route.onResponse = [...(own ? (Array.isArray(own) ? own : [own]) : []), durationRecorder(route.url)];
  });
  const recordUnmatched = durationRecorder('unmatched');
  app.addHook('onResponse', (request, reply, done) => {
    if (request.is404) return recordUnmatched(request, reply, done);
    done();
  });

  app.addHook('preClose', (done) => {
    lanes.close();
    done();
  });

  const requireSession = createSessionGuard({ sessions: c.sessions, cookie: c.cookie });
  await app.register(
    signInRoutes({ signIn: c.signIn, sessions: c.sessions, cookie: c.cookie, requireSession }),
  );
  await app.register(
    sessionRoutes({ sessions: c.sessions, access: c.access, cookie: c.cookie, requireSession }),
  );
  await app.register(accessRoutes({ access: c.access, catalogue: c.catalogue, requireSession }));
  await app.register(
    propertyRoutes({ properties: c.properties, requireSession, store: c.store, clock: c.clock }),
  );
  await app.register(
    passwordRoutes({
      passwords: c.passwords,
      sessions: c.sessions,
      cookie: c.cookie,
      requireSession,
      config: c.config,
      store: c.store,
      strengthLimiter: c.strengthLimiter,
    }),
  );
  await app.register(mfaRoutes({ mfa: c.mfa, cookie: c.cookie, config: c.config, requireSession }));
  if (c.config.devMailbox) await app.register(devMailboxRoutes({ store: c.store }));

  app.get('/healthz', { schema: { tags: ['ops'], summary: 'Liveness', hide: false } }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/readyz',
    { schema: { tags: ['ops'], summary: 'Readiness: the store answers' } },
    async (request, reply) => {
      if (await pingStore(c.store)) return { status: 'ready' };
      return sendError(request, reply, new AppError('service_unavailable', 503));
    },
  );
  const metricsAllowed = createMetricsGate(c.config.metricsToken, c.config.publicUrlIsLocal);
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['ops'],
        summary: 'Prometheus metrics',
        description:
          'Answers requests with `Authorization: Bearer <PORTIER_METRICS_TOKEN>` and, while Portier is ' +
          'served on localhost, requests made on this machine (loopback, local Host, not through a proxy); ' +
          'anything else gets 404. Sign-in outcomes and mail counts would tell outsiders which e-mail ' +
          'addresses have accounts.',
      },
    },
    async (request, reply) => {
      if (!metricsAllowed(request)) throw new AppError('not_found', 404);
      reply.header('content-type', c.metrics.registry.contentType);
      return c.metrics.registry.metrics();
    },
  );
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  lanes.get(
    SESSION_PATH,
    sessionLane({
      sessions: c.sessions,
      access: c.access,
      cookie: c.cookie,
      parseCookie: (header) => app.parseCookie(header),
      send: createLaneAnswer({
        ids,
        headers: headers.api,
        log: app.log as unknown as Parameters<typeof createLaneAnswer>[0]['log'],
        ipOf: clientIpOf(c.config.trustProxy),
      }),
      record: c.metrics.httpDuration.series({ method: 'GET', route: SESSION_PATH, status: '200' }),
      answered: laneCounter(c.metrics, 'session'),
    }),
  );

  const hasWeb = existsSync(WEB_DIST);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const accept = String(request.headers.accept ?? '');
    if (hasWeb && request.method === 'GET' && !isApiPath(request.url) && accept.includes('text/html')) {
      // The single-page app owns every other path (client routing).
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(request, reply, new AppError('not_found', 404));
  });

  return app;
}
export type App = Awaited<ReturnType<typeof buildApp>>;
