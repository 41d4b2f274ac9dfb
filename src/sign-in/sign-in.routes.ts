import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../http/context.js';
import { errorBody } from '../http/schemas.js';
import type { Method } from '../mfa/mfa.service.js';
import { TRUSTED_DEVICE_COOKIE } from '../mfa/trusted-device-cookie.js';
import { assertPasswordLength } from '../passwords/hashing.js';
import { type CookiePolicy, clearSessionCookie, setSessionCookie } from '../sessions/cookie.js';
import type { SessionGuard } from '../sessions/sessions.routes.js';
import type { SessionService } from '../sessions/sessions.service.js';
import { loginBody, loginOk } from './sign-in.schemas.js';
import type { SignInService } from './sign-in.service.js';

export function signInRoutes(deps: {
  signIn: SignInService;
  sessions: SessionService;
  cookie: CookiePolicy;
  requireSession: SessionGuard;
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in with e-mail and password',
          body: loginBody,
          response: {
            200: loginOk,
            400: errorBody,
            401: errorBody,
            403: errorBody,
            429: errorBody,
          },
        },
      },
      async (request, reply) => {
        const { email, password } = request.body;
        // No hashing of oversized input (SPEC §2): refuse before any work.
        assertPasswordLength(password);
        const result = await deps.signIn.signIn(
          { email, password, trustedDeviceToken: request.cookies[TRUSTED_DEVICE_COOKIE] },
          requestContext(request),
        );
        if (result.status === 'mfa_required') {
          return { status: result.status, challenge: result.challenge, methods: result.methods as Method[] };
        }
        if (result.status !== 'ok') return result;
        setSessionCookie(reply, result.token, deps.cookie);
        return { status: 'ok' as const };
      },
    );

    app.post(
      '/api/v1/auth/logout',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign out: ends the current session',
          body: z.object({}).strict().optional(),
          response: { 204: z.null().describe('Signed out'), 401: errorBody },
        },
        preHandler: deps.requireSession,
      },
      async (request, reply) => {
        await deps.sessions.end(request.session, requestContext(request));
        clearSessionCookie(reply, deps.cookie);
        return reply.status(204).send(null);
      },
    );
  };
}
