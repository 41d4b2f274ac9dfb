import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/database.js';
import { requestContext } from '../http/context.js';
import { errorBody, isoTime } from '../http/schemas.js';
import type { SessionGuard } from '../sessions/sessions.routes.js';
import type { Clock } from '../shared/clock.js';
import { findAuditEventsOfProperty } from './properties.queries.js';
import {
  acceptInvitationBody,
  auditQuery,
  grantList,
  invitationParams,
  inviteBody,
  member,
  memberParams,
  propertyParams,
  role,
  tokenBody,
} from './properties.schemas.js';
import type { PropertiesService } from './properties.service.js';

const PAGE_SIZE = 50;
const ok204 = { 204: z.null() };
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function propertyRoutes(deps: {
  properties: PropertiesService;
  requireSession: SessionGuard;
  store: Store;
  clock: Clock;
}): FastifyPluginAsyncZod {
  const { properties } = deps;
  const iso = (ms: number | null) => (ms === null ? null : isoTime(ms));

  return async (app) => {
    const actorOf = (request: { session: { userId: string } }, propertyId: string) =>
      properties.requireManager(request.session.userId, propertyId);

    function present(m: Awaited<ReturnType<PropertiesService['getMember']>>) {
      return {
        userId: m.userId,
        email: m.email,
        name: m.name,
        language: m.language,
        role: m.role,
        status: m.status,
        disabledReason: m.disabledReason,
        failedAttempts: m.failedAttempts,
        lastLoginAt: iso(m.lastLoginAt),
        passwordChangedAt: iso(m.passwordChangedAt),
        passwordExpiresAt: iso(m.passwordExpiresAt),
        passwordExpired: m.passwordExpiresAt !== null && m.passwordExpiresAt <= deps.clock.now(),
        twoFactorEnabled: m.twoFactorEnabled,
        memberSince: isoTime(m.memberSince),
        grants: m.grants,
      };
    }

    app.get(
      '/api/v1/properties/:propertyId/users',
      {
        schema: {
          tags: ['properties'],
          summary: 'The property’s people and why any of them cannot get in (user managers)',
          params: propertyParams,
          response: { 200: z.object({ users: z.array(member) }), ...errors },
        },
        preHandler: deps.requireSession,
      },
      async (request) => {
        const actor = await actorOf(request, request.params.propertyId);
        return { users: (await properties.listMembers(actor)).map(present) };
      },
    );

    app.get(
      '/api/v1/properties/:propertyId/users/:userId',
      {
        schema: {
          tags: ['properties'],
          summary: 'One member',
          params: memberParams,
          response: { 200: member, ...errors },
        },
        preHandler: deps.requireSession,
      },
      async (request) => {
        const actor = await actorOf(request, request.params.propertyId);
        return present(await properties.getMember(actor, request.params.userId));
      },
    );

    const memberAction = (
      path: string,
      summary: string,
      run: (
        actor: Awaited<ReturnType<typeof actorOf>>,
        userId: string,
        ctx: ReturnType<typeof requestContext>,
      ) => Promise<unknown>,
    ) =>
      app.post(
        `/api/v1/properties/:propertyId/users/:userId/${path}`,
        {
          schema: {
            tags: ['properties'],
            summary,
            params: memberParams,
            body: z.object({}).strict().optional(),
            response: { ...ok204, ...errors },
          },
          preHandler: deps.requireSession,
        },
        async (request, reply) => {
          const actor = await actorOf(request, request.params.propertyId);
          await run(actor, request.params.userId, requestContext(request));
          return reply.status(204).send(null);
        },
      );

    memberAction('enable', 'Re-enable a disabled account', (a, u, c) => properties.enableAccount(a, u, c));
    memberAction('send-reset-link', 'E-mail the person a password-reset link', (a, u, c) =>
      properties.sendResetLink(a, u, c),
    );
    memberAction('reset-2fa', 'Reset the person’s two-factor authentication (lost phone)', (a, u, c) =>
      properties.resetTwoFactor(a, u, c),
    );
    memberAction('remove', 'Remove the person from the property (the account stays)', (a, u, c) =>
      properties.removeMember(a, u, c),
    );

    app.post(
      '/api/v1/properties/:propertyId/users/:userId/role',
      {
        schema: {
          tags: ['properties'],
          summary: 'Change a role',
          params: memberParams,
          body: z.object({ role }).strict(),
          response: { ...ok204, ...errors },
        },
        preHandler: deps.requireSession,
      },
      async (request, reply) => {
        const actor = await actorOf(request, request.params.propertyId);
        await properties.changeRole(actor, request.params.userId, request.body.role, requestContext(request));
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/api/v1/properties/:propertyId/users/:userId/grants',
      {
        schema: {
          tags: ['properties'],
          summary: 'Replace the person’s product and tab access (`tab: "*"` = the whole product)',
          params: memberParams,
          body: z.object({ grants: grantList }).strict(),
          response: { 200: z.object({ grants: grantList }), ...errors },
        },
        preHandler: deps.requireSession,
      },
      async (request) => {
        const actor = await actorOf(request, request.params.propertyId);
        return {
          grants: await properties.setGrants(
            actor,
            request.params.userId,
            request.body.grants,
            requestContext(request),
          ),
        };
      },
    );

    app.post(
      '/api/v1/properties/:propertyId/users/:userId/email',
      {
        schema: {
          tags: ['properties'],
          summary: 'Correct a mistyped e-mail: the new address confirms, the old one is told',
          params: memberParams,
          body: z.object({ email: z.email().max(254) }).strict(),
          response: { 202: z.object({ status: z.literal('confirmation_sent') }), ...errors },
        },
        preHandler: deps.requireSession,
      },
      async (request, reply) => {
        const actor = await actorOf(request, request.params.propertyId);
        await properties.requestEmailChange(
          actor,
          request.params.userId,
          request.body.email,
          requestContext(request),
        );
        return reply.status(202).send({ status: 'confirmation_sent' as const });
      },
    );

    app.post(
      '/api/v1/properties/:propertyId/two-factor-policy',
      {
        schema: {
          tags: ['properties'],
          summary: 'Require two-factor authentication for everyone in the property (admins)',
          params: propertyParams,
          body: z.object({ required: z.boolean() }).strict(),
          response: { ...ok204, ...errors },
        },
        preHandler: deps.requireSession,
      },
      async (request, reply) => {
        const actor = await actorOf(request, request.params.propertyId);
        await properties.setTwoFactorPolicy(actor, request.body.required, requestContext(request));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/properties/:propertyId/invitations',
      {
        schema: {
          tags: ['properties'],
          summary: 'Pending invitations',
          params: propertyParams,
          response: {
            200: z.object({
              invitations: z.array(
                z.object({
                  id: z.string(),
                  email: z.string(),
                  name: z.string().nullable(),
                  role,
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
        const actor = await actorOf(request, request.params.propertyId);
        const rows = await properties.listInvitations(actor);
        return {
          invitations: rows.map((r) => ({
            id: r.id,
            email: r.email,
            name: r.name,
            role: r.role,
            createdAt: isoTime(r.created_at),
            expiresAt: isoTime(r.expires_at),
          })),
        };
      },
    );

    app.post(
      '/api/v1/properties/:propertyId/invitations',
      {
        schema: {
          tags: ['properties'],
          summary: 'Invite someone by e-mail (link valid 7 days)',
          params: propertyParams,
          body: inviteBody,
          response: {
            201: z.object({ id: z.string(), email: z.string(), role, expiresAt: z.string() }),
            ...errors,
          },
        },
        preHandler: deps.requireSession,
      },
      async (request, reply) => {
        const actor = await actorOf(request, request.params.propertyId);
        const inv = await properties.invite(actor, request.body, requestContext(request));
        return reply.status(201).send({ ...inv, expiresAt: isoTime(inv.expiresAt) });
      },
    );

    for (const [path, summary, run] of [
      ['resend', 'Send the invitation again (new link, old one void)', properties.resendInvitation],
      ['revoke', 'Revoke a pending invitation', properties.revokeInvitation],
    ] as const) {
      app.post(
        `/api/v1/properties/:propertyId/invitations/:invitationId/${path}`,
        {
          schema: {
            tags: ['properties'],
            summary,
            params: invitationParams,
            body: z.object({}).strict().optional(),
            response: { ...ok204, ...errors },
          },
          preHandler: deps.requireSession,
        },
        async (request, reply) => {
          const actor = await actorOf(request, request.params.propertyId);
          await run(actor, request.params.invitationId, requestContext(request));
          return reply.status(204).send(null);
        },
      );
    }

    app.get(
      '/api/v1/properties/:propertyId/audit',
      {
        schema: {
          tags: ['properties'],
          summary: 'The property’s audit log, newest first (filters: person, action, dates; 50 a page)',
          params: propertyParams,
          querystring: auditQuery,
          response: {
            200: z.object({
              page: z.number(),
              hasMore: z.boolean(),
              events: z.array(
                z.object({
                  id: z.number(),
                  at: z.string(),
                  action: z.string(),
                  actorType: z.string(),
                  actorId: z.string().nullable(),
                  actorName: z.string().nullable(),
                  targetId: z.string().nullable(),
                  targetName: z.string().nullable(),
                  ip: z.string().nullable(),
                  details: z.record(z.string(), z.unknown()).nullable(),
                }),
              ),
            }),
            ...errors,
          },
        },
        preHandler: deps.requireSession,
      },
      async (request) => {
        await actorOf(request, request.params.propertyId);
        const q = request.query;
        const rows = await findAuditEventsOfProperty(deps.store.db, {
          propertyId: request.params.propertyId,
          actorId: q.actor,
          targetId: q.target,
          action: q.action,
          from: q.from ? Date.parse(q.from) : undefined,
          to: q.to ? Date.parse(q.to) : undefined,
          limit: PAGE_SIZE + 1,
          offset: (q.page - 1) * PAGE_SIZE,
        });
        return {
          page: q.page,
          hasMore: rows.length > PAGE_SIZE,
          events: rows.slice(0, PAGE_SIZE).map((r) => ({
            ...r,
            at: isoTime(r.at),
            details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
          })),
        };
      },
    );

    // Public: the invitee and the new address owner are not signed in.
    app.post(
      '/api/v1/invitations/lookup',
      {
        schema: {
          tags: ['properties'],
          summary: 'What an invitation link is for',
          body: tokenBody,
          response: {
            200: z.object({
              propertyName: z.string(),
              email: z.string(),
              name: z.string().nullable(),
              role,
              existingAccount: z.boolean(),
            }),
            400: errorBody,
          },
        },
      },
      async (request) => properties.lookupInvitation(request.body.token),
    );

    app.post(
      '/api/v1/invitations/accept',
      {
        schema: {
          tags: ['properties'],
          summary: 'Accept an invitation (new accounts choose their password)',
          body: acceptInvitationBody,
          response: {
            200: z.object({ status: z.literal('accepted'), propertyName: z.string() }),
            400: errorBody,
          },
        },
      },
      async (request) => ({
        status: 'accepted' as const,
        ...(await properties.acceptInvitation(request.body, requestContext(request))),
      }),
    );

    app.post(
      '/api/v1/email-change/confirm',
      {
        schema: {
          tags: ['properties'],
          summary: 'Confirm a corrected e-mail address',
          body: tokenBody,
          response: { 200: z.object({ email: z.string() }), 400: errorBody, 409: errorBody },
        },
      },
      async (request) => properties.confirmEmailChange(request.body.token, requestContext(request)),
    );
  };
}
