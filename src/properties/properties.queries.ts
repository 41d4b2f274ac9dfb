/**
 * Properties, memberships, grants, invitations and e-mail changes. Every query that reads or changes
 * a member is scoped by its property: an id from another property simply finds nothing.
 */
import type { Kysely } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { Database, PropertiesTable, Role } from '../db/types.js';

export async function insertProperty(db: Kysely<Database>, property: PropertiesTable) {
  await db.insertInto('properties').values(property).execute();
}

export async function findPropertyById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('properties')
    .select([
      'id',
      'name',
      'status',
      'primary_contact_user_id',
      'billing_contact_name',
      'billing_contact_email',
      'billing_contact_phone',
      'payment_method',
      'require_two_factor',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findPropertiesByName(db: Kysely<Database>, name: string) {
  return db.selectFrom('properties').select(['id', 'name']).where('name', '=', name).execute();
}

const membershipsOfUser = prepared((db, p: { userId: string }) =>
  db
    .selectFrom('memberships')
    .innerJoin('properties', 'properties.id', 'memberships.property_id')
    .select([
      'memberships.id as membershipId',
      'memberships.role as role',
      'properties.id as propertyId',
      'properties.name as propertyName',
      'properties.status as propertyStatus',
      'properties.primary_contact_user_id as primaryContactUserId',
      'properties.billing_contact_name as billingContactName',
      'properties.billing_contact_email as billingContactEmail',
      'properties.require_two_factor as requireTwoFactor',
    ])
    .where('memberships.user_id', '=', p.userId)
    .orderBy('properties.name'),
);

export async function findMembershipsOfUser(db: Kysely<Database>, userId: string) {
  return membershipsOfUser.all(db, { userId });
}

export async function findMembership(db: Kysely<Database>, args: { propertyId: string; userId: string }) {
  return db
    .selectFrom('memberships')
    .select(['id', 'role', 'user_id', 'property_id'])
    .where('property_id', '=', args.propertyId)
    .where('user_id', '=', args.userId)
    .executeTakeFirst();
}

export async function insertMembership(
  db: Kysely<Database>,
  m: { id: string; propertyId: string; userId: string; role: Role; now: number },
) {
  await db
    .insertInto('memberships')
    .values({ id: m.id, property_id: m.propertyId, user_id: m.userId, role: m.role, created_at: m.now })
    .execute();
}

export async function updateMembershipRole(db: Kysely<Database>, args: { membershipId: string; role: Role }) {
  await db.updateTable('memberships').set({ role: args.role }).where('id', '=', args.membershipId).execute();
}

export async function deleteMembership(db: Kysely<Database>, membershipId: string) {
  await db.deleteFrom('memberships').where('id', '=', membershipId).execute();
}

/**
 * Serialises changes to a property's admins on PostgreSQL (row lock on the property); SQLite has a
 * single writer already. Call first inside the transaction.
 */
export async function lockProperty(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', propertyId: string) {
  if (dialect === 'postgres') {
    await db.selectFrom('properties').select('id').where('id', '=', propertyId).forUpdate().execute();
  }
}

export async function countAdmins(db: Kysely<Database>, propertyId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('property_id', '=', propertyId)
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What a user manager sees of a member at a glance. */
const MEMBER_COLUMNS = [
  'users.id as userId',
  'users.email as email',
  'users.name as name',
  'users.language as language',
  'users.status as status',
  'users.disabled_reason as disabledReason',
  'users.failed_attempts as failedAttempts',
  'users.last_login_at as lastLoginAt',
  'users.password_changed_at as passwordChangedAt',
  'memberships.id as membershipId',
  'memberships.role as role',
  'memberships.created_at as memberSince',
] as const;

/** The property's people with what a user manager needs to see at a glance. */
export async function findPropertyMembers(db: Kysely<Database>, propertyId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(MEMBER_COLUMNS)
    .where('memberships.property_id', '=', propertyId)
    .orderBy('users.name')
    .execute();
}

export async function findPropertyMember(db: Kysely<Database>, args: { propertyId: string; userId: string }) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(MEMBER_COLUMNS)
    .where('memberships.property_id', '=', args.propertyId)
    .where('memberships.user_id', '=', args.userId)
    .executeTakeFirst();
}

export async function findGrantsOfMembership(db: Kysely<Database>, membershipId: string) {
  return db
    .selectFrom('grants')
    .select(['product', 'tab'])
    .where('membership_id', '=', membershipId)
    .orderBy('product')
    .orderBy('tab')
    .execute();
}

export async function findGrantsOfProperty(db: Kysely<Database>, propertyId: string) {
  return db
    .selectFrom('grants')
    .innerJoin('memberships', 'memberships.id', 'grants.membership_id')
    .select(['memberships.user_id as userId', 'grants.product', 'grants.tab'])
    .where('memberships.property_id', '=', propertyId)
    .execute();
}

export async function replaceGrants(
  db: Kysely<Database>,
  args: { membershipId: string; grants: Array<{ product: string; tab: string }>; now: number },
) {
  await db.deleteFrom('grants').where('membership_id', '=', args.membershipId).execute();
  if (args.grants.length) {
    await db
      .insertInto('grants')
      .values(
        args.grants.map((g) => ({
          membership_id: args.membershipId,
          product: g.product,
          tab: g.tab,
          created_at: args.now,
        })),
      )
      .execute();
  }
}

/** People who can grant access in a property (admins and user managers). */
export async function findGrantors(db: Kysely<Database>, propertyId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'users.id as userId',
      'users.name as name',
      'users.email as email',
      'memberships.role as role',
      'memberships.id as membershipId',
    ])
    .where('memberships.property_id', '=', propertyId)
    .where('memberships.role', 'in', ['admin', 'user_manager'])
    .where('users.status', '=', 'active')
    .orderBy('memberships.role')
    .orderBy('users.name')
    .execute();
}

export async function setActiveProperty(
  db: Kysely<Database>,
  args: { sessionId: string; userId: string; propertyId: string },
) {
  await db
    .updateTable('sessions')
    .set({ active_property_id: args.propertyId })
    .where('id', '=', args.sessionId)
    .execute();
  await db
    .updateTable('users')
    .set({ last_property_id: args.propertyId })
    .where('id', '=', args.userId)
    .execute();
}

export async function findSessionProperty(db: Kysely<Database>, sessionId: string) {
  const row = await db
    .selectFrom('sessions')
    .select('active_property_id')
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return row?.active_property_id ?? null;
}

const lastProperty = prepared((db, p: { userId: string }) =>
  db.selectFrom('users').select('last_property_id').where('id', '=', p.userId),
);

export async function findLastProperty(db: Kysely<Database>, userId: string) {
  const row = await lastProperty.first(db, { userId });
  return row?.last_property_id ?? null;
}

// Invitations

export async function insertInvitation(
  db: Kysely<Database>,
  inv: {
    id: string;
    propertyId: string;
    email: string;
    name: string | null;
    role: Role;
    grants: string;
    invitedBy: string;
    tokenHash: string;
    now: number;
    expiresAt: number;
    language: 'fr' | 'en';
  },
) {
  await db
    .insertInto('invitations')
    .values({
      id: inv.id,
      property_id: inv.propertyId,
      email: inv.email,
      name: inv.name,
      role: inv.role,
      grants: inv.grants,
      invited_by: inv.invitedBy,
      token_hash: inv.tokenHash,
      status: 'pending',
      created_at: inv.now,
      expires_at: inv.expiresAt,
      language: inv.language,
    })
    .execute();
}

export async function findPendingInvitationByEmail(
  db: Kysely<Database>,
  args: { propertyId: string; email: string; now: number },
) {
  return db
    .selectFrom('invitations')
    .select(['id'])
    .where('property_id', '=', args.propertyId)
    .where('email', '=', args.email)
    .where('status', '=', 'pending')
    .where('expires_at', '>', args.now)
    .executeTakeFirst();
}

export async function findInvitationsOfProperty(db: Kysely<Database>, propertyId: string) {
  return db
    .selectFrom('invitations')
    .select(['id', 'email', 'name', 'role', 'status', 'created_at', 'expires_at'])
    .where('property_id', '=', propertyId)
    .where('status', '=', 'pending')
    .orderBy('created_at', 'desc')
    .execute();
}

export async function findInvitation(db: Kysely<Database>, args: { propertyId: string; id: string }) {
  return db
    .selectFrom('invitations')
    .select(['id', 'email', 'name', 'role', 'grants', 'status', 'expires_at', 'language'])
    .where('property_id', '=', args.propertyId)
    .where('id', '=', args.id)
    .executeTakeFirst();
}

export async function findInvitationByTokenHash(
  db: Kysely<Database>,
  args: { tokenHash: string; now: number },
) {
  return db
    .selectFrom('invitations')
    .innerJoin('properties', 'properties.id', 'invitations.property_id')
    .select([
      'invitations.id as id',
      'invitations.property_id as propertyId',
      'properties.name as propertyName',
      'invitations.email as email',
      'invitations.name as name',
      'invitations.role as role',
      'invitations.grants as grants',
      'invitations.invited_by as invitedBy',
    ])
    .where('invitations.token_hash', '=', args.tokenHash)
    .where('invitations.status', '=', 'pending')
    .where('invitations.expires_at', '>', args.now)
    .executeTakeFirst();
}

export async function updateInvitation(
  db: Kysely<Database>,
  args: {
    id: string;
    fromStatus: 'pending';
    set: { status?: 'accepted' | 'revoked'; token_hash?: string; expires_at?: number };
  },
): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set(args.set)
    .where('id', '=', args.id)
    .where('status', '=', args.fromStatus)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// Verified e-mail changes

export async function insertEmailChange(
  db: Kysely<Database>,
  change: {
    id: string;
    userId: string;
    propertyId: string;
    newEmail: string;
    requestedBy: string;
    tokenHash: string;
    now: number;
    expiresAt: number;
  },
) {
  await db.deleteFrom('email_changes').where('user_id', '=', change.userId).execute();
  await db
    .insertInto('email_changes')
    .values({
      id: change.id,
      user_id: change.userId,
      property_id: change.propertyId,
      new_email: change.newEmail,
      requested_by: change.requestedBy,
      token_hash: change.tokenHash,
      created_at: change.now,
      expires_at: change.expiresAt,
    })
    .execute();
}

export async function takeEmailChange(db: Kysely<Database>, args: { tokenHash: string; now: number }) {
  const row = await db
    .selectFrom('email_changes')
    .select(['id', 'user_id', 'property_id', 'new_email', 'requested_by'])
    .where('token_hash', '=', args.tokenHash)
    .where('expires_at', '>', args.now)
    .executeTakeFirst();
  if (!row) return undefined;
  const deleted = await db.deleteFrom('email_changes').where('id', '=', row.id).executeTakeFirst();
  return Number(deleted.numDeletedRows) === 1 ? row : undefined;
}

export async function findAuditEventsOfProperty(
  db: Kysely<Database>,
  args: {
    propertyId: string;
    actorId?: string;
    targetId?: string;
    action?: string;
    from?: number;
    to?: number;
    limit: number;
    offset: number;
  },
) {
  let q = db
    .selectFrom('audit_events')
    .leftJoin('users as actor', 'actor.id', 'audit_events.actor_id')
    .leftJoin('users as target', 'target.id', 'audit_events.target_id')
    .select([
      'audit_events.id as id',
      'audit_events.at as at',
      'audit_events.action as action',
      'audit_events.actor_type as actorType',
      'audit_events.actor_id as actorId',
      'actor.name as actorName',
      'audit_events.target_id as targetId',
      'target.name as targetName',
      'audit_events.ip as ip',
      'audit_events.details as details',
    ])
    // The property's own events, and its members' personal ones (sign-ins, lockouts, password changes),
    // which are recorded without a property because an account may belong to several.
    .where((eb) =>
      eb.or([
        eb('audit_events.property_id', '=', args.propertyId),
        eb.and([
          eb('audit_events.property_id', 'is', null),
          eb(
            'audit_events.target_id',
            'in',
            eb
              .selectFrom('memberships')
              .select('memberships.user_id')
              .where('memberships.property_id', '=', args.propertyId),
          ),
        ]),
      ]),
    );
  if (args.actorId) q = q.where('audit_events.actor_id', '=', args.actorId);
  if (args.targetId) q = q.where('audit_events.target_id', '=', args.targetId);
  if (args.action) q = q.where('audit_events.action', '=', args.action);
  if (args.from !== undefined) q = q.where('audit_events.at', '>=', args.from);
  if (args.to !== undefined) q = q.where('audit_events.at', '<', args.to);
  return q.orderBy('audit_events.id', 'desc').limit(args.limit).offset(args.offset).execute();
}

/**
 * Someone lost a property's user-management rights (removed, or made a plain member): what they
 * started there and that still waits, invitations and e-mail changes, goes with those rights.
 * Returns the number of invitations revoked and e-mail changes dropped.
 */
export async function dropPendingActsOf(
  db: Kysely<Database>,
  args: { propertyId: string; userId: string },
): Promise<{ invitations: number; emailChanges: number }> {
  const invitations = await db
    .updateTable('invitations')
    .set({ status: 'revoked' })
    .where('property_id', '=', args.propertyId)
    .where('invited_by', '=', args.userId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  const emailChanges = await db
    .deleteFrom('email_changes')
    .where('property_id', '=', args.propertyId)
    .where('requested_by', '=', args.userId)
    .executeTakeFirst();
  return {
    invitations: Number(invitations.numUpdatedRows),
    emailChanges: Number(emailChanges.numDeletedRows),
  };
}
