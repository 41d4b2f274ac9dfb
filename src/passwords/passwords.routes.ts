import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Store } from '../db/database.js';
import { requestContext } from '../http/context.js';
import { errorBody, isoTime } from '../http/schemas.js';
import { negotiateLanguage } from '../i18n/language.js';
import { type CookiePolicy, readSessionCookie, setSessionCookie } from '../sessions/cookie.js';
import type { SessionGuard } from '../sessions/sessions.routes.js';
import type { SessionService } from '../sessions/sessions.service.js';
import { ipKey, type Limiter } from '../shared/limiter.js';
import { signInErrors } from '../sign-in/sign-in.errors.js';
import { findPasswordDates } from '../users/users.queries.js';
import { describeProblems } from './passwords.errors.js';
import {
  changePasswordBody,
  expiredChangeBody,
  resetConfirmBody,
  resetRequestBody,
  securityResponse,
  strengthBody,
  strengthResponse,
} from './passwords.schemas.js';
import type { PasswordsService } from './passwords.service.js';
import { translateFeedback } from './policy.js';

export function passwordRoutes(deps: {
  passwords: PasswordsService;
  sessions: SessionService;
  cookie: CookiePolicy;
  requireSession: SessionGuard;
  config: Config;
  store: Store;
  /** The strength check runs zxcvbn in a worker: limited per IP so nobody keeps it busy. */
  strengthLimiter: Limiter;
}): FastifyPluginAsyncZod {
  const { passwords } = deps;
  return async (app) => {
    app.post(
      '/api/v1/auth/password-reset',
      {
        schema: {
          tags: ['passwords'],
          summary: 'Ask for a password-reset link (same answer whether the account exists or not)',
          body: resetRequestBody,
          response: { 202: z.object({ status: z.literal('accepted') }), 400: errorBody, 429: errorBody },
        },
      },
      async (request, reply) => {
        await passwords.requestReset(request.body.email, requestContext(request));
        return reply.status(202).send({ status: 'accepted' as const });
      },
    );

    app.post(
      '/api/v1/auth/password-reset/confirm',
      {
        schema: {
          tags: ['passwords'],
          summary: 'Set a new password with the e-mailed token; ends every session, does not sign in',
          body: resetConfirmBody,
          response: { 204: z.null(), 400: errorBody },
        },
      },
      async (request, reply) => {
        await passwords.confirmReset(request.body.token, request.body.password, requestContext(request));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/auth/password-expired/change',
      {
        schema: {
          tags: ['passwords'],
          summary: 'Replace an expired password with the change token from sign-in, then sign in',
          body: expiredChangeBody,
          response: {
            200: z.union([
              z.object({ status: z.literal('ok') }),
              z.object({
                status: z.literal('mfa_required'),
                challenge: z.string(),
                methods: z.array(z.string()),
              }),
              z.object({ status: z.literal('mfa_enrolment_required'), challenge: z.string() }),
            ]),
            400: errorBody,
          },
        },
      },
      async (request, reply) => {
        const result = await passwords.changeExpired(
          request.body.changeToken,
          request.body.password,
          requestContext(request),
        );
        if ('second' in result) return result.second;
        setSessionCookie(reply, result.sessionToken, deps.cookie);
        return { status: 'ok' as const };
      },
    );

    app.post(
      '/api/v1/passwords/strength',
      {
        schema: {
          tags: ['passwords'],
          summary: 'How a candidate password fares against the rules (for the strength meter)',
          body: strengthBody,
          response: { 200: strengthResponse, 400: errorBody, 429: errorBody },
        },
      },
      async (request) => {
        const lang = negotiateLanguage(request.headers['accept-language']);
        const wait = await deps.strengthLimiter.take(request.ip ? ipKey(request.ip) : 'unknown');
        if (wait > 0) throw signInErrors.rateLimited(wait);
        const check = await deps.sessions.check(readSessionCookie(request, deps.cookie), { passive: true });
        const assessment = await passwords.assess(request.body.password, {
          token: request.body.token,
          session: check.ok ? check.session : undefined,
        });
        return {
          ok: assessment.ok,
          score: assessment.score,
          problems: assessment.problems,
          reasons: describeProblems(assessment.problems, lang, {
            min: deps.config.passwordMinLength,
            max: deps.config.passwordMaxLength,
          }),
          ...translateFeedback(assessment, lang),
        };
      },
    );

    app.get(
      '/api/v1/account/security',
      {
        schema: {
          tags: ['account'],
          summary: 'Password dates and rules for the account security page',
          response: { 200: securityResponse, 401: errorBody },
        },
        preHandler: deps.requireSession,
      },
      async (request) => {
        const row = await findPasswordDates(deps.store.db, request.session.userId);
        const changedAt = row?.password_changed_at ?? null;
        return {
          passwordChangedAt: changedAt === null ? null : isoTime(changedAt),
          passwordExpiresAt: changedAt === null ? null : isoTime(changedAt + deps.config.passwordMaxAge),
          maxAgeDays: Math.round(deps.config.passwordMaxAge / 86_400_000),
          minLength: deps.config.passwordMinLength,
          maxLength: deps.config.passwordMaxLength,
        };
      },
    );

    app.post(
      '/api/v1/account/password',
      {
        schema: {
          tags: ['account'],
          summary: 'Change the password (needs the current one); other sessions are signed out',
          body: changePasswordBody,
          response: { 204: z.null(), 400: errorBody, 401: errorBody },
        },
        preHandler: deps.requireSession,
      },
      async (request, reply) => {
        await passwords.changePassword(
          request.session,
          request.body.currentPassword,
          request.body.newPassword,
          requestContext(request),
        );
        return reply.status(204).send(null);
      },
    );
  };
}
