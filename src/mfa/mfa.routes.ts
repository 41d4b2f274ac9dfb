import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import { requestContext } from '../http/context.js';
import { errorBody, isoTime } from '../http/schemas.js';
import { type CookiePolicy, setSessionCookie } from '../sessions/cookie.js';
import type { SessionGuard } from '../sessions/sessions.routes.js';
import type { MfaService } from './mfa.service.js';
import { setTrustedDeviceCookie } from './trusted-device-cookie.js';

const token = z
  .string()
  .min(16)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/);
const code = z.string().min(1).max(32);
const name = z.string().trim().min(1).max(60);
// WebAuthn JSON is checked by @simplewebauthn/server; here only its outer shape and size.
const webauthnJson = z
  .object({ id: z.string().max(1024), rawId: z.string().max(1024), type: z.literal('public-key') })
  .loose();
const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  429: errorBody,
};

export function mfaRoutes(deps: {
  mfa: MfaService;
  cookie: CookiePolicy;
  config: Config;
  requireSession: SessionGuard;
}): FastifyPluginAsyncZod {
  const { mfa } = deps;
  return async (app) => {
    app.post(
      '/api/v1/auth/mfa/verify',
      {
        schema: {
          tags: ['mfa'],
          summary: 'Complete a sign-in with a second factor',
          body: z
            .object({
              challenge: token,
              method: z.enum(['totp', 'webauthn', 'email', 'recovery']),
              code: code.optional(),
              assertion: webauthnJson.optional(),
              trustDevice: z.boolean().default(false),
            })
            .strict(),
          response: { 200: z.object({ status: z.literal('ok'), recoveryCodesLeft: z.number() }), ...errors },
        },
      },
      async (request, reply) => {
        const result = await mfa.verify(
          { ...request.body, assertion: request.body.assertion as never },
          requestContext(request),
        );
        setSessionCookie(reply, result.sessionToken, deps.cookie);
        if (result.trustedDeviceToken) {
          setTrustedDeviceCookie(reply, result.trustedDeviceToken, {
            secure: deps.cookie.secure,
            days: deps.config.trustedDeviceDays,
          });
        }
        return { status: 'ok' as const, recoveryCodesLeft: result.recoveryCodesLeft };
      },
    );

    app.post(
      '/api/v1/auth/mfa/email-code',
      {
        schema: {
          tags: ['mfa'],
          summary: 'E-mail a one-time code (6 digits, 10 minutes) for this challenge',
          body: z.object({ challenge: token }).strict(),
          response: { 202: z.object({ status: z.literal('sent') }), ...errors },
        },
      },
      async (request, reply) => {
        await mfa.sendEmailCode(request.body.challenge, requestContext(request));
        return reply.status(202).send({ status: 'sent' as const });
      },
    );

    app.post(
      '/api/v1/auth/mfa/webauthn-options',
      {
        schema: {
          tags: ['mfa'],
          summary: 'Passkey sign-in options for this challenge',
          body: z.object({ challenge: token }).strict(),
          response: { 200: z.record(z.string(), z.unknown()), ...errors },
        },
      },
      async (request) =>
        (await mfa.webauthnOptions(request.body.challenge)) as unknown as Record<string, unknown>,
    );

    // Enrolment during sign-in, when the property requires 2FA and the person has none yet.
    app.post(
      '/api/v1/auth/mfa/enrol/totp',
      {
        schema: {
          tags: ['mfa'],
          summary: 'Start an authenticator-app enrolment with a sign-in enrolment challenge',
          body: z.object({ challenge: token }).strict(),
          response: {
            200: z.object({
              enrolmentId: z.string(),
              secret: z.string(),
              otpauthUri: z.string(),
              qrCode: z.string(),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const user = await mfa.enrolmentUser(request.body.challenge, requestContext(request));
        return mfa.startTotp(user.id, user.email);
      },
    );

    app.post(
      '/api/v1/auth/mfa/enrol/totp/confirm',
      {
        schema: {
          tags: ['mfa'],
          summary: 'Confirm the app with its first code; signs in and returns the recovery codes',
          body: z
            .object({
              challenge: token,
              enrolmentId: z.uuid(),
              code,
              name: name.default('Authenticator app'),
            })
            .strict(),
          response: {
            200: z.object({ status: z.literal('ok'), recoveryCodes: z.array(z.string()).nullable() }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const { sessionToken, recoveryCodes } = await mfa.enrolAtSignIn(
          request.body.challenge,
          request.body,
          requestContext(request),
        );
        mfa.notifyQueued();
        setSessionCookie(reply, sessionToken, deps.cookie);
        return { status: 'ok' as const, recoveryCodes };
      },
    );

    // The account's factors (signed in; changes need a password confirmed in the last 10 minutes).
    app.post(
      '/api/v1/account/reauth',
      {
        schema: {
          tags: ['mfa'],
          summary: 'Confirm the password before changing second factors',
          // Over 1024 UTF-8 bytes: 400 password_too_long from the hasher, no hashing.
          body: z.object({ password: z.string().min(1).max(65_536) }).strict(),
          response: { 204: z.null(), ...errors },
        },
        preHandler: deps.requireSession,
      },
      async (request, reply) => {
        await mfa.reauthenticate(request.session, request.body.password, requestContext(request));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/account/mfa',
      {
        schema: {
          tags: ['mfa'],
          summary: 'Second factors, recovery codes left and trusted devices',
          response: {
            200: z.object({
              factors: z.array(
                z.object({
                  id: z.string(),
                  type: z.enum(['totp', 'webauthn']),
                  name: z.string(),
                  createdAt: z.string(),
                  lastUsedAt: z.string().nullable(),
                }),
              ),
              recoveryCodesLeft: z.number(),
              requiredByProperty: z.boolean(),
              trustedDevices: z.array(
                z.object({
                  id: z.string(),
                  userAgent: z.string().nullable(),
                  createdAt: z.string(),
                  expiresAt: z.string(),
                }),
              ),
            }),
            ...errors,
          },
        },
        preHandler: deps.requireSession,
      },
      async (request) => {
        const o = await mfa.overview(request.session);
        return {
          factors: o.factors.map((f) => ({
            ...f,
            createdAt: isoTime(f.createdAt),
            lastUsedAt: f.lastUsedAt === null ? null : isoTime(f.lastUsedAt),
          })),
          recoveryCodesLeft: o.recoveryCodesLeft,
          requiredByProperty: o.requiredByProperty,
          trustedDevices: o.trustedDevices.map((d) => ({
            id: d.id,
            userAgent: d.user_agent,
            createdAt: isoTime(d.created_at),
            expiresAt: isoTime(d.expires_at),
          })),
        };
      },
    );

    app.post(
      '/api/v1/account/mfa/totp',
      {
        schema: {
          tags: ['mfa'],
          summary: 'Start adding an authenticator app (QR code and manual key)',
          body: z.object({}).strict().optional(),
          response: {
            200: z.object({
              enrolmentId: z.string(),
              secret: z.string(),
              otpauthUri: z.string(),
              qrCode: z.string(),
            }),
            ...errors,
          },
        },
        preHandler: deps.requireSession,
      },
      async (request) => {
        await mfa.requireRecentPassword(request.session);
        return mfa.startTotp(request.session.userId, request.session.user.email);
      },
    );

    app.post(
      '/api/v1/account/mfa/totp/confirm',
      {
        schema: {
          tags: ['mfa'],
          summary: 'Finish adding an authenticator app with its first code',
          body: z.object({ enrolmentId: z.uuid(), code, name: name.default('Authenticator app') }).strict(),
          response: {
            201: z.object({ factorId: z.string(), recoveryCodes: z.array(z.string()).nullable() }),
            ...errors,
          },
        },
        preHandler: deps.requireSession,
      },
      async (request, reply) => {
        await mfa.requireRecentPassword(request.session);
        const result = await mfa.confirmTotp(request.session.userId, request.body, requestContext(request));
        mfa.notifyQueued();
        return reply.status(201).send(result);
      },
    );

    app.post(
      '/api/v1/account/mfa/webauthn',
      {
        schema: {
          tags: ['mfa'],
          summary: 'Start adding a passkey or security key',
          body: z.object({}).strict().optional(),
          response: {
            200: z.object({ enrolmentId: z.string(), options: z.record(z.string(), z.unknown()) }),
            ...errors,
          },
        },
        preHandler: deps.requireSession,
      },
      async (request) => {
        await mfa.requireRecentPassword(request.session);
        const r = await mfa.startWebauthn({
          id: request.session.userId,
          email: request.session.user.email,
          name: request.session.user.name,
        });
        return { enrolmentId: r.enrolmentId, options: r.options as unknown as Record<string, unknown> };
      },
    );

    app.post(
      '/api/v1/account/mfa/webauthn/finish',
      {
        schema: {
          tags: ['mfa'],
          summary: 'Finish adding a passkey with the browser’s registration response',
          body: z
            .object({ enrolmentId: z.uuid(), response: webauthnJson, name: name.default('Passkey') })
            .strict(),
          response: {
            201: z.object({ factorId: z.string(), recoveryCodes: z.array(z.string()).nullable() }),
            ...errors,
          },
        },
        preHandler: deps.requireSession,
      },
      async (request, reply) => {
        await mfa.requireRecentPassword(request.session);
        const result = await mfa.finishWebauthn(
          request.session.userId,
          { ...request.body, response: request.body.response as never },
          requestContext(request),
        );
        mfa.notifyQueued();
        return reply.status(201).send(result);
      },
    );

    app.post(
      '/api/v1/account/mfa/factors/:id/remove',
      {
        schema: {
          tags: ['mfa'],
          summary: 'Remove a second factor',
          params: z.object({ id: z.uuid() }),
          body: z.object({}).strict().optional(),
          response: { 204: z.null(), ...errors },
        },
        preHandler: deps.requireSession,
      },
      async (request, reply) => {
        await mfa.removeFactor(request.session, request.params.id, requestContext(request));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/account/mfa/recovery-codes',
      {
        schema: {
          tags: ['mfa'],
          summary: 'New recovery codes (the old ones stop working); shown once',
          body: z.object({}).strict().optional(),
          response: { 200: z.object({ recoveryCodes: z.array(z.string()) }), ...errors },
        },
        preHandler: deps.requireSession,
      },
      async (request) => ({
        recoveryCodes: await mfa.regenerateRecoveryCodes(request.session, requestContext(request)),
      }),
    );

    app.post(
      '/api/v1/account/mfa/trusted-devices/:id/remove',
      {
        schema: {
          tags: ['mfa'],
          summary: 'Stop trusting a device',
          params: z.object({ id: z.uuid() }),
          body: z.object({}).strict().optional(),
          response: { 204: z.null(), ...errors },
        },
        preHandler: deps.requireSession,
      },
      async (request, reply) => {
        await mfa.removeTrustedDevice(request.session, request.params.id, requestContext(request));
        return reply.status(204).send(null);
      },
    );
  };
}
