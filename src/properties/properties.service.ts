/**
 * Properties, their people and their access (SPEC §3). Rules:
 * - only `admin` and `user_manager` manage users; default deny; everything scoped by property, and
 *   an object of another property is a 404 whatever id is tried;
 * - nobody grants or revokes what they do not hold themselves (admins hold everything);
 * - a user manager cannot create, change or remove admins; the last admin cannot be removed or
 *   demoted; nobody changes their own role or access;
 * - every action is an audit event (with the property) in the same transaction as the change.
 */

import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Catalogue } from '../access/catalogue.js';
import type { AuditRecorder, RequestContext } from '../audit/audit.service.js';
import type { Config } from '../config.js';
import type { Store } from '../db/database.js';
import type { Database, Role } from '../db/types.js';
import { AppError } from '../errors.js';
import type { Mailer } from '../notifications/notifications.service.js';
import { passwordErrors } from '../passwords/passwords.errors.js';
import { deleteUserTokens } from '../passwords/passwords.queries.js';
import type { PasswordsService } from '../passwords/passwords.service.js';
import { deleteSessionsOfUser } from '../sessions/sessions.queries.js';
import type { Clock } from '../shared/clock.js';
import { hasControlCharacters } from '../shared/text.js';
import { generateToken, hashToken, newId } from '../shared/tokens.js';
import { normalizeEmail } from '../users/email.js';
import { findUserForSignIn, findUserStatusByEmail } from '../users/users.queries.js';
import type { UsersService } from '../users/users.service.js';
import { propertyErrors } from './properties.errors.js';
import {
  countAdmins,
  deleteMembership,
  dropPendingActsOf,
  findGrantsOfMembership,
  findGrantsOfProperty,
  findInvitation,
  findInvitationByTokenHash,
  findInvitationsOfProperty,
  findMembership,
  findMembershipsOfUser,
  findPendingInvitationByEmail,
  findPropertyById,
  findPropertyMember,
  findPropertyMembers,
  insertEmailChange,
  insertInvitation,
  insertMembership,
  lockProperty,
  replaceGrants,
  takeEmailChange,
  updateInvitation,
  updateMembershipRole,
} from './properties.queries.js';

export type Grant = { product: string; tab: string };

export interface Actor {
  userId: string;
  name: string;
  propertyId: string;
  membershipId: string;
  role: Role;
}

const MANAGERS: Role[] = ['admin', 'user_manager'];
const EMAIL_CHANGE_TTL_MS = 24 * 3_600_000;

export function isManager(role: Role) {
  return MANAGERS.includes(role);
}

/** Does a holder of `held` (or an admin) hold this product/tab? `*` means the whole product. */
export function holds(role: Role, held: Grant[], g: Grant) {
  if (role === 'admin') return true;
  return held.some((h) => h.product === g.product && (h.tab === '*' || h.tab === g.tab));
}

function grantKey(g: Grant) {
  return `${g.product}/${g.tab}`;
}

export function createPropertiesService(deps: {
  store: Store;
  clock: Clock;
  config: Config;
  catalogue: Catalogue;
  audit: AuditRecorder;
  mailer: Mailer;
  users: UsersService;
  passwords: PasswordsService;
  onMailQueued: () => void;
  /** The two-factor slice: who has a second factor, and the reset a user manager may do. */
  twoFactor: {
    usersWithFactors: (userIds: string[]) => Promise<Set<string>>;
    resetFor: (trx: Kysely<Database>, args: { userId: string; byName: string }) => Promise<void>;
  };
}) {
  const { store, clock, config, catalogue, audit, mailer } = deps;

  function validateGrants(grants: Grant[]): Grant[] {
    const unknown = grants.filter((g) => {
      const product = catalogue.find((p) => p.id === g.product);
      return !product || (g.tab !== '*' && !product.tabs.some((t) => t.id === g.tab));
    });
    if (unknown.length) throw propertyErrors.unknownProduct(unknown);
    // A whole-product grant makes its single-tab grants redundant: keep the set minimal.
    const whole = new Set(grants.filter((g) => g.tab === '*').map((g) => g.product));
    const unique = new Map<string, Grant>();
    for (const g of grants) if (g.tab === '*' || !whole.has(g.product)) unique.set(grantKey(g), g);
    return [...unique.values()];
  }

  /** The caller's membership in a property with manager rights, or 404 / 403. */
  async function requireManager(userId: string, propertyId: string): Promise<Actor> {
    const m = await findMembership(store.db, { propertyId, userId });
    if (!m) throw propertyErrors.notFound();
    if (!isManager(m.role)) throw propertyErrors.forbidden();
    const user = await store.db
      .selectFrom('users')
      .select('name')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    return { userId, name: user.name, propertyId, membershipId: m.id, role: m.role };
  }

  async function requireMemberTarget(actor: Actor, userId: string) {
    const target = await findPropertyMember(store.db, { propertyId: actor.propertyId, userId });
    if (!target) throw propertyErrors.notFound();
    return target;
  }

  /**
   * A member whose *account* this property may act on (its e-mail address, its second factors): they
   * belong to the whole account, which may open other properties. So only for someone this property
   * alone gives access to (else a manager here could take over an admin of another hotel: new
   * address, then a reset link), and, for a user manager, only plain members (not a fellow manager
   * holding more, nor an admin).
   */
  async function requireAccountTarget(actor: Actor, userId: string) {
    const target = await requireMemberTarget(actor, userId);
    if (target.role !== 'member' && actor.role !== 'admin') throw propertyErrors.accountNeedsAdmin();
    const elsewhere = (await findMembershipsOfUser(store.db, userId)).some(
      (m) => m.propertyId !== actor.propertyId,
    );
    if (elsewhere) throw propertyErrors.accountShared();
    return target;
  }

  /**
   * Inside a transaction that changes someone's place in the property: takes the property's lock,
   * then reads again both the actor's role (the request acts only with the rights it still has) and
   * the target's membership (what it is now, not when the request came in).
   */
  async function lockedTarget(trx: Kysely<Database>, actor: Actor, userId: string) {
    await lockProperty(trx, store.dialect, actor.propertyId);
    const actorNow = await findMembership(trx, { propertyId: actor.propertyId, userId: actor.userId });
    if (actorNow?.role !== actor.role) throw propertyErrors.forbidden();
    const target = await findPropertyMember(trx, { propertyId: actor.propertyId, userId });
    if (!target) throw propertyErrors.notFound();
    return target;
  }

  /** The audit detail of what went with lost rights (dropPendingActsOf), when anything did. */
  function droppedDetail(dropped?: { invitations: number; emailChanges: number }) {
    return dropped && (dropped.invitations || dropped.emailChanges) ? { pendingDropped: dropped } : {};
  }

  async function assertCanGrant(actor: Actor, changed: Grant[]) {
    const held = await findGrantsOfMembership(store.db, actor.membershipId);
    const notHeld = changed.filter((g) => !holds(actor.role, held, g));
    if (notHeld.length) throw propertyErrors.grantNotHeld(notHeld);
  }

  function assertRoleAllowed(actor: Actor, role: Role) {
    if (role === 'admin' && actor.role !== 'admin') throw propertyErrors.cannotManageAdmins();
  }

  const auditFor =
    (actor: Actor, context: RequestContext) =>
    (db: Kysely<Database>, action: string, targetId: string | null, details?: Record<string, unknown>) =>
      audit(db, {
        actor: { type: 'user', id: actor.userId },
        action,
        target: targetId ? { type: 'user', id: targetId } : null,
        propertyId: actor.propertyId,
        context,
        details,
      });

  async function sendInvitation(
    db: Kysely<Database>,
    args: { email: string; language: 'fr' | 'en'; inviter: string; propertyName: string; token: string },
  ) {
    await mailer.enqueue(db, {
      to: args.email,
      language: args.language,
      template: 'invitation',
      vars: {
        inviterName: args.inviter,
        propertyName: args.propertyName,
        link: `${config.publicUrl}/accept-invitation#token=${args.token}`,
        days: Math.round(config.invitationTtl / 86_400_000),
      },
    });
  }

  return {
    requireManager,

    /** Operator (CLI) and demo data: a new property. */
    async createProperty(input: {
      name: string;
      billingContact?: { name?: string; email?: string; phone?: string };
      paymentMethod?: 'card' | 'bank_transfer';
      actor: { type: 'operator' | 'system' };
    }) {
      const name = input.name.trim();
      const invalid = (detail: string) => new AppError('invalid_request', 400, { params: { detail } });
      // These go into e-mails and pages: no line breaks or other control characters.
      if (!name || name.length > 200 || hasControlCharacters(name))
        throw invalid('a property name of 1 to 200 characters, without control characters, is required');
      const billing = input.billingContact ?? {};
      const billingName = billing.name?.trim() || undefined;
      if (billingName !== undefined && (billingName.length > 200 || hasControlCharacters(billingName)))
        throw invalid('the billing contact name must be 1 to 200 characters, without control characters');
      const billingEmail = billing.email ? normalizeEmail(billing.email) : undefined;
      if (
        billingEmail !== undefined &&
        (!z.email().safeParse(billingEmail).success || billingEmail.length > 254)
      )
        throw invalid(
          `the billing contact e-mail is not an e-mail address: ${JSON.stringify(billing.email)}`,
        );
      const billingPhone = billing.phone?.trim() || undefined;
      if (billingPhone !== undefined && !/^\+?[0-9 ().-]{3,40}$/.test(billingPhone))
        throw invalid('the billing contact phone may hold digits, spaces, + ( ) . - (3 to 40 characters)');
      const id = newId();
      const now = clock.now();
      await store.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('properties')
          .values({
            id,
            name,
            status: 'active',
            primary_contact_user_id: null,
            billing_contact_name: billingName ?? null,
            billing_contact_email: billingEmail ?? null,
            billing_contact_phone: billingPhone ?? null,
            payment_method: input.paymentMethod ?? 'card',
            require_two_factor: 0,
            suspended_at: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await audit(trx, {
          actor: input.actor,
          action: 'property.created',
          propertyId: id,
          details: { name },
        });
      });
      return { id, name };
    },

    /** Operator (CLI) and demo data: add an existing user to a property with a role and grants. */
    async addMember(input: {
      propertyId: string;
      userId: string;
      role: Role;
      grants?: Grant[];
      primaryContact?: boolean;
      actor: { type: 'operator' | 'system' };
    }) {
      const grants = validateGrants(input.grants ?? []);
      if (await findMembership(store.db, { propertyId: input.propertyId, userId: input.userId }))
        throw propertyErrors.alreadyMember();
      const now = clock.now();
      const membershipId = newId();
      await store.db.transaction().execute(async (trx) => {
        await insertMembership(trx, {
          id: membershipId,
          propertyId: input.propertyId,
          userId: input.userId,
          role: input.role,
          now,
        });
        if (input.role !== 'admin') await replaceGrants(trx, { membershipId, grants, now });
        if (input.primaryContact) {
          await trx
            .updateTable('properties')
            .set({ primary_contact_user_id: input.userId })
            .where('id', '=', input.propertyId)
            .execute();
        }
        await audit(trx, {
          actor: input.actor,
          action: 'membership.added',
          target: { type: 'user', id: input.userId },
          propertyId: input.propertyId,
          details: { role: input.role, grants },
        });
      });
      return { membershipId };
    },

    async listMembers(actor: Actor) {
      const [members, grants] = await Promise.all([
        findPropertyMembers(store.db, actor.propertyId),
        findGrantsOfProperty(store.db, actor.propertyId),
      ]);
      const twoFactor = await deps.twoFactor.usersWithFactors(members.map((m) => m.userId));
      return members.map((m) => ({
        ...m,
        passwordExpiresAt: m.passwordChangedAt === null ? null : m.passwordChangedAt + config.passwordMaxAge,
        twoFactorEnabled: twoFactor.has(m.userId),
        grants: grants.filter((g) => g.userId === m.userId).map(({ product, tab }) => ({ product, tab })),
      }));
    },

    async getMember(actor: Actor, userId: string) {
      const target = await requireMemberTarget(actor, userId);
      const grants = await findGrantsOfMembership(store.db, target.membershipId);
      return {
        ...target,
        passwordExpiresAt:
          target.passwordChangedAt === null ? null : target.passwordChangedAt + config.passwordMaxAge,
        twoFactorEnabled: (await deps.twoFactor.usersWithFactors([target.userId])).has(target.userId),
        grants,
      };
    },

    async invite(
      actor: Actor,
      input: { email: string; name?: string; role: Role; language: 'fr' | 'en'; grants: Grant[] },
      context: RequestContext,
    ) {
      assertRoleAllowed(actor, input.role);
      const grants = validateGrants(input.grants);
      if (input.role === 'admin' && grants.length) throw propertyErrors.grantsNotApplicable();
      await assertCanGrant(actor, grants);
      const email = normalizeEmail(input.email);
      const existing = await findUserStatusByEmail(store.db, email);
      if (
        existing &&
        (await findMembership(store.db, { propertyId: actor.propertyId, userId: existing.id }))
      ) {
        throw propertyErrors.alreadyMember();
      }
      const now = clock.now();
      if (await findPendingInvitationByEmail(store.db, { propertyId: actor.propertyId, email, now })) {
        throw propertyErrors.invitationPending();
      }
      const property = await findPropertyById(store.db, actor.propertyId);
      const token = generateToken();
      const id = newId();
      await store.db.transaction().execute(async (trx) => {
        // Again under the property's lock: two invitations sent at once to one address (two nodes,
        // a double click) must not both go out.
        await lockProperty(trx, store.dialect, actor.propertyId);
        if (await findPendingInvitationByEmail(trx, { propertyId: actor.propertyId, email, now })) {
          throw propertyErrors.invitationPending();
        }
        await insertInvitation(trx, {
          id,
          propertyId: actor.propertyId,
          email,
          name: input.name?.trim() || null,
          role: input.role,
          grants: JSON.stringify(grants),
          invitedBy: actor.userId,
          tokenHash: hashToken(token),
          now,
          expiresAt: now + config.invitationTtl,
          language: existing?.language ?? input.language,
        });
        await auditFor(actor, context)(trx, 'invitation.sent', existing?.id ?? null, {
          email,
          role: input.role,
          grants,
        });
        await sendInvitation(trx, {
          email,
          language: existing?.language ?? input.language,
          inviter: actor.name,
          propertyName: property?.name ?? '',
          token,
        });
      });
      deps.onMailQueued();
      return { id, email, role: input.role, expiresAt: now + config.invitationTtl };
    },

    listInvitations: (actor: Actor) => findInvitationsOfProperty(store.db, actor.propertyId),

    async resendInvitation(actor: Actor, invitationId: string, context: RequestContext) {
      const inv = await findInvitation(store.db, { propertyId: actor.propertyId, id: invitationId });
      if (inv?.status !== 'pending') throw propertyErrors.notFound();
      assertRoleAllowed(actor, inv.role);
      const property = await findPropertyById(store.db, actor.propertyId);
      const token = generateToken();
      const now = clock.now();
      await store.db.transaction().execute(async (trx) => {
        // A new link voids the previous one and restarts the validity period.
        const updated = await updateInvitation(trx, {
          id: inv.id,
          fromStatus: 'pending',
          set: { token_hash: hashToken(token), expires_at: now + config.invitationTtl },
        });
        if (!updated) throw propertyErrors.notFound();
        await auditFor(actor, context)(trx, 'invitation.resent', null, { email: inv.email });
        await sendInvitation(trx, {
          email: inv.email,
          language: inv.language,
          inviter: actor.name,
          propertyName: property?.name ?? '',
          token,
        });
      });
      deps.onMailQueued();
    },

    async revokeInvitation(actor: Actor, invitationId: string, context: RequestContext) {
      const inv = await findInvitation(store.db, { propertyId: actor.propertyId, id: invitationId });
      if (inv?.status !== 'pending') throw propertyErrors.notFound();
      assertRoleAllowed(actor, inv.role);
      await store.db.transaction().execute(async (trx) => {
        if (
          !(await updateInvitation(trx, { id: inv.id, fromStatus: 'pending', set: { status: 'revoked' } }))
        ) {
          throw propertyErrors.notFound();
        }
        await auditFor(actor, context)(trx, 'invitation.revoked', null, { email: inv.email });
      });
    },

    async lookupInvitation(token: string) {
      const inv = await findInvitationByTokenHash(store.db, {
        tokenHash: hashToken(token),
        now: clock.now(),
      });
      if (!inv) throw passwordErrors.invalidToken();
      const existing = await findUserStatusByEmail(store.db, inv.email);
      return {
        propertyName: inv.propertyName,
        email: inv.email,
        name: inv.name,
        role: inv.role,
        existingAccount: !!existing,
      };
    },

    /** Accepting: a new account chooses its password; an existing one simply joins the property. */
    async acceptInvitation(
      input: { token: string; name?: string; password?: string; language: 'fr' | 'en' },
      context: RequestContext,
    ) {
      const inv = await findInvitationByTokenHash(store.db, {
        tokenHash: hashToken(input.token),
        now: clock.now(),
      });
      if (!inv) throw passwordErrors.invalidToken();
      let user = await findUserForSignIn(store.db, inv.email);
      if (!user) {
        if (!input.password || !(input.name ?? inv.name)) {
          throw new AppError('invalid_request', 400, {
            params: { detail: 'name and password are required for a new account' },
          });
        }
        const assessment = await deps.passwords.assessForNewAccount(input.password, {
          email: inv.email,
          name: input.name ?? inv.name ?? '',
        });
        if (!assessment.ok) {
          throw passwordErrors.weakPassword(assessment, {
            min: config.passwordMinLength,
            max: config.passwordMaxLength,
          });
        }
        try {
          await deps.users.createUser({
            email: inv.email,
            name: (input.name ?? inv.name ?? '').trim(),
            password: input.password,
            language: input.language,
            actor: { type: 'system' },
          });
        } catch (error) {
          // The same link accepted twice at once (a double click, two tabs): the other request made
          // the account. This one goes on as for an existing account, and only one of the two
          // claims the invitation below; the other gets invalid_token, never a 500.
          const created = await findUserForSignIn(store.db, inv.email);
          if (!created) throw error;
        }
        user = await findUserForSignIn(store.db, inv.email);
      }
      if (!user) throw passwordErrors.invalidToken();
      const userId = user.id;
      const now = clock.now();
      await store.db.transaction().execute(async (trx) => {
        if (
          !(await updateInvitation(trx, { id: inv.id, fromStatus: 'pending', set: { status: 'accepted' } }))
        ) {
          throw passwordErrors.invalidToken();
        }
        if (!(await findMembership(trx, { propertyId: inv.propertyId, userId }))) {
          const membershipId = newId();
          await insertMembership(trx, {
            id: membershipId,
            propertyId: inv.propertyId,
            userId,
            role: inv.role,
            now,
          });
          await replaceGrants(trx, { membershipId, grants: JSON.parse(inv.grants) as Grant[], now });
        }
        await audit(trx, {
          actor: { type: 'user', id: userId },
          action: 'invitation.accepted',
          target: { type: 'user', id: userId },
          propertyId: inv.propertyId,
          context,
          details: { invitedBy: inv.invitedBy, role: inv.role },
        });
      });
      return { propertyName: inv.propertyName };
    },

    async enableAccount(actor: Actor, userId: string, context: RequestContext) {
      const target = await requireMemberTarget(actor, userId);
      if (target.status !== 'disabled') throw propertyErrors.accountNotDisabled();
      if (target.role === 'admin' && actor.role !== 'admin') throw propertyErrors.cannotManageAdmins();
      await store.db.transaction().execute(async (trx) => {
        const enabled = await trx
          .updateTable('users')
          .set({
            status: 'active',
            disabled_reason: null,
            disabled_at: null,
            failed_attempts: 0,
            updated_at: clock.now(),
          })
          .where('id', '=', userId)
          .where('status', '=', 'disabled')
          .executeTakeFirst();
        // Re-enabled meanwhile (a reset link, another manager): its sessions are new ones, kept.
        if (Number(enabled.numUpdatedRows) === 0) throw propertyErrors.accountNotDisabled();
        // Sessions opened before the account was disabled stay ended: a lockout must not come undone
        // for a browser left signed in on a shared computer.
        const endedSessions = await deleteSessionsOfUser(trx, userId);
        await auditFor(actor, context)(trx, 'account.enabled', userId, {
          endedSessions,
          previousReason: target.disabledReason,
        });
      });
    },

    async sendResetLink(actor: Actor, userId: string, context: RequestContext) {
      const target = await requireMemberTarget(actor, userId);
      await deps.passwords.sendResetLinkFor(target.userId, {
        actorId: actor.userId,
        propertyId: actor.propertyId,
        context,
      });
    },

    async removeMember(actor: Actor, userId: string, context: RequestContext) {
      if (userId === actor.userId) throw propertyErrors.cannotChangeSelf();
      await store.db.transaction().execute(async (trx) => {
        const target = await lockedTarget(trx, actor, userId);
        if (target.role === 'admin' && actor.role !== 'admin') throw propertyErrors.cannotManageAdmins();
        if (target.role === 'admin' && (await countAdmins(trx, actor.propertyId)) <= 1)
          throw propertyErrors.lastAdmin();
        await deleteMembership(trx, target.membershipId);
        const dropped = await dropPendingActsOf(trx, { propertyId: actor.propertyId, userId });
        // Their sessions lose this property at once.
        await trx
          .updateTable('sessions')
          .set({ active_property_id: null })
          .where('user_id', '=', userId)
          .where('active_property_id', '=', actor.propertyId)
          .execute();
        await auditFor(actor, context)(trx, 'membership.removed', userId, {
          role: target.role,
          email: target.email,
          ...droppedDetail(dropped),
        });
      });
    },

    async changeRole(actor: Actor, userId: string, role: Role, context: RequestContext) {
      if (userId === actor.userId) throw propertyErrors.cannotChangeSelf();
      if (actor.role !== 'admin' && role === 'admin') throw propertyErrors.cannotManageAdmins();
      await store.db.transaction().execute(async (trx) => {
        // Checked again under the lock: two admins demoting each other cannot both succeed, and a
        // change made while this request waited (the target promoted to admin) is what counts.
        const target = await lockedTarget(trx, actor, userId);
        if (target.role === role) return;
        if (actor.role !== 'admin' && target.role === 'admin') throw propertyErrors.cannotManageAdmins();
        if (target.role === 'admin' && (await countAdmins(trx, actor.propertyId)) <= 1)
          throw propertyErrors.lastAdmin();
        await updateMembershipRole(trx, { membershipId: target.membershipId, role });
        // Made a plain member: the invitations and e-mail changes they started here go too.
        const dropped =
          role === 'member'
            ? await dropPendingActsOf(trx, { propertyId: actor.propertyId, userId })
            : undefined;
        if (role === 'admin')
          await replaceGrants(trx, { membershipId: target.membershipId, grants: [], now: clock.now() });
        await auditFor(actor, context)(trx, 'membership.role_changed', userId, {
          from: target.role,
          to: role,
          ...droppedDetail(dropped),
        });
      });
    },

    async setGrants(actor: Actor, userId: string, requested: Grant[], context: RequestContext) {
      if (userId === actor.userId) throw propertyErrors.cannotChangeSelf();
      const target = await requireMemberTarget(actor, userId);
      if (target.role === 'admin') throw propertyErrors.grantsNotApplicable();
      const next = validateGrants(requested);
      const current = await findGrantsOfMembership(store.db, target.membershipId);
      const currentKeys = new Set(current.map(grantKey));
      const nextKeys = new Set(next.map(grantKey));
      const added = next.filter((g) => !currentKeys.has(grantKey(g)));
      const removed = current.filter((g) => !nextKeys.has(grantKey(g)));
      await assertCanGrant(actor, [...added, ...removed]);
      if (!added.length && !removed.length) return next;
      await store.db.transaction().execute(async (trx) => {
        await replaceGrants(trx, { membershipId: target.membershipId, grants: next, now: clock.now() });
        await auditFor(actor, context)(trx, 'grants.changed', userId, { added, removed });
      });
      return next;
    },

    /** Lost second factors: a user manager resets them (audited, the user told, every session ended). */
    async resetTwoFactor(actor: Actor, userId: string, context: RequestContext) {
      if (userId === actor.userId) throw propertyErrors.cannotChangeSelf();
      await requireAccountTarget(actor, userId);
      await store.db.transaction().execute(async (trx) => {
        await deps.twoFactor.resetFor(trx, { userId, byName: actor.name });
        await auditFor(actor, context)(trx, 'mfa.reset', userId);
      });
      deps.onMailQueued();
    },

    /** An admin requires 2FA for everyone in the property (members enrol at their next sign-in). */
    async setTwoFactorPolicy(actor: Actor, required: boolean, context: RequestContext) {
      if (actor.role !== 'admin') throw propertyErrors.forbidden();
      await store.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('properties')
          .set({ require_two_factor: required ? 1 : 0, updated_at: clock.now() })
          .where('id', '=', actor.propertyId)
          .execute();
        await auditFor(actor, context)(trx, 'property.two_factor_policy', null, { required });
      });
    },

    async requestEmailChange(actor: Actor, userId: string, newEmailRaw: string, context: RequestContext) {
      const target = await requireAccountTarget(actor, userId);
      const newEmail = normalizeEmail(newEmailRaw);
      if (await findUserStatusByEmail(store.db, newEmail)) throw propertyErrors.emailTaken();
      const property = await findPropertyById(store.db, actor.propertyId);
      const token = generateToken();
      const now = clock.now();
      await store.db.transaction().execute(async (trx) => {
        await insertEmailChange(trx, {
          id: newId(),
          userId,
          propertyId: actor.propertyId,
          newEmail,
          requestedBy: actor.userId,
          tokenHash: hashToken(token),
          now,
          expiresAt: now + EMAIL_CHANGE_TTL_MS,
        });
        const vars = {
          name: target.name,
          propertyName: property?.name ?? '',
          requestedBy: actor.name,
          newEmail,
        };
        await mailer.enqueue(trx, {
          to: newEmail,
          language: target.language,
          template: 'email_change_confirm',
          vars: { ...vars, link: `${config.publicUrl}/confirm-email#token=${token}` },
        });
        await mailer.enqueue(trx, {
          to: target.email,
          language: target.language,
          template: 'email_change_notice',
          vars,
        });
        await auditFor(actor, context)(trx, 'email_change.requested', userId, {
          from: target.email,
          to: newEmail,
        });
      });
      deps.onMailQueued();
    },

    async confirmEmailChange(token: string, context: RequestContext) {
      return store.db.transaction().execute(async (trx) => {
        const change = await takeEmailChange(trx, { tokenHash: hashToken(token), now: clock.now() });
        if (!change) throw passwordErrors.invalidToken();
        if (await findUserStatusByEmail(trx, change.new_email)) throw propertyErrors.emailTaken();
        const before = await trx
          .selectFrom('users')
          .select('email')
          .where('id', '=', change.user_id)
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('users')
          .set({ email: change.new_email, updated_at: clock.now() })
          .where('id', '=', change.user_id)
          .execute();
        // Links mailed to the old address (maybe a stranger's mailbox, the article's mistyped address)
        // stop working with it.
        await deleteUserTokens(trx, change.user_id, 'password_reset');
        await deleteUserTokens(trx, change.user_id, 'password_expired_change');
        await audit(trx, {
          actor: { type: 'user', id: change.user_id },
          action: 'email_change.confirmed',
          target: { type: 'user', id: change.user_id },
          propertyId: change.property_id,
          context,
          details: { from: before.email, to: change.new_email, requestedBy: change.requested_by },
        });
        return { email: change.new_email };
      });
    },
  };
}

export type PropertiesService = ReturnType<typeof createPropertiesService>;
