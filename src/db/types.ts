/**
 * The database as Kysely sees it. Times are UTC epoch milliseconds (integers on both dialects),
 * so comparisons and arithmetic are identical on SQLite and PostgreSQL.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type UserStatus = 'active' | 'disabled';
export type DisabledReason = 'too_many_failed_attempts' | 'disabled_by_manager' | 'disabled_by_staff';

export interface UsersTable {
  id: string;
  email: string; // lower-cased, trimmed
  name: string;
  language: 'fr' | 'en';
  password_hash: string | null;
  password_changed_at: number | null;
  status: UserStatus;
  disabled_reason: DisabledReason | null;
  disabled_at: number | null;
  failed_attempts: number;
  last_login_at: number | null;
  created_at: number;
  updated_at: number;
  last_property_id: Generated<string | null>;
}

export interface StaffTable {
  id: string;
  email: string;
  name: string;
  role: 'support' | 'billing' | 'superadmin';
  password_hash: string;
  password_changed_at: number;
  created_at: number;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: number;
  last_activity_at: number;
  absolute_expires_at: number;
  ip: string | null;
  user_agent: string | null;
  active_property_id: Generated<string | null>;
  reauthenticated_at: Generated<number | null>;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: number;
  actor_type: 'user' | 'staff' | 'system' | 'anonymous' | 'operator';
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  property_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: string | null; // JSON
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxTable {
  id: Generated<number>;
  created_at: number;
  to_address: string;
  template: string;
  language: 'fr' | 'en';
  subject: string;
  text_body: string;
  html_body: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  locked_until: number | null;
  locked_by: string | null;
  last_error: string | null;
  sent_at: number | null;
}

/** rate-limiter-flexible's PostgreSQL layout (shared per-IP and per-address limits). */
export interface RateLimitsTable {
  key: string;
  points: number;
  /** End of the window, epoch ms (system clock). */
  expire: number | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: string;
  password_hash: string;
  created_at: number;
}

export type TokenPurpose = 'password_reset' | 'password_expired_change';

export interface UserTokensTable {
  id: string;
  user_id: string;
  purpose: TokenPurpose;
  token_hash: string;
  created_at: number;
  expires_at: number;
}

export interface JobsTable {
  id: Generated<number>;
  type: string;
  payload: string; // JSON
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  run_at: number;
  locked_until: number | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: number;
}

export interface PasswordExpiryNoticesTable {
  user_id: string;
  password_changed_at: number;
  days_before: number; // 0 = the "expired" notice
  sent_at: number;
}

export interface SchedulerLeasesTable {
  name: string;
  holder: string | null;
  locked_until: number;
  last_run_at: number | null;
}

export type Role = 'admin' | 'user_manager' | 'member';
export type PropertyStatus = 'active' | 'suspended';

export interface PropertiesTable {
  id: string;
  name: string;
  status: PropertyStatus;
  primary_contact_user_id: string | null;
  billing_contact_name: string | null;
  billing_contact_email: string | null;
  billing_contact_phone: string | null;
  payment_method: 'card' | 'bank_transfer';
  require_two_factor: number;
  suspended_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface MembershipsTable {
  id: string;
  property_id: string;
  user_id: string;
  role: Role;
  created_at: number;
}

export interface GrantsTable {
  membership_id: string;
  product: string;
  tab: string;
  created_at: number;
}

export interface InvitationsTable {
  id: string;
  property_id: string;
  email: string;
  name: string | null;
  role: Role;
  grants: string;
  invited_by: string | null;
  token_hash: string;
  status: 'pending' | 'accepted' | 'revoked';
  created_at: number;
  expires_at: number;
  language: Generated<'fr' | 'en'>;
}

export interface EmailChangesTable {
  id: string;
  user_id: string;
  property_id: string;
  new_email: string;
  requested_by: string | null;
  token_hash: string;
  created_at: number;
  expires_at: number;
}

export interface MfaFactorsTable {
  id: string;
  user_id: string;
  type: 'totp' | 'webauthn';
  name: string;
  secret_enc: string | null;
  last_used_step: number | null;
  credential_id: string | null;
  public_key: string | null;
  counter: number | null;
  transports: string | null;
  created_at: number;
  last_used_at: number | null;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: number | null;
  created_at: number;
}

export interface MfaChallengesTable {
  id: string;
  user_id: string;
  token_hash: string;
  purpose: 'verify' | 'enrol';
  created_at: number;
  expires_at: number;
  failed_attempts: number;
  webauthn_challenge: string | null;
  email_code_hash: string | null;
  email_code_expires_at: number | null;
  email_code_attempts: number;
  /** The argon2 hash of an expired password's replacement, set once the second factor is given. */
  pending_password_hash: string | null;
  /** The hash that replacement may replace: the expired password's, when the change link was used. */
  pending_replaces_hash: string | null;
}

export interface MfaEnrolmentsTable {
  id: string;
  user_id: string;
  type: 'totp' | 'webauthn';
  secret_enc: string | null;
  webauthn_challenge: string | null;
  created_at: number;
  expires_at: number;
}

export interface TrustedDevicesTable {
  id: string;
  user_id: string;
  token_hash: string;
  user_agent: string | null;
  created_at: number;
  expires_at: number;
  last_used_at: number | null;
}

export interface Database {
  users: UsersTable;
  staff: StaffTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  outbox: OutboxTable;
  portier_meta: MetaTable;
  rate_limits: RateLimitsTable;
  password_history: PasswordHistoryTable;
  user_tokens: UserTokensTable;
  jobs: JobsTable;
  password_expiry_notices: PasswordExpiryNoticesTable;
  scheduler_leases: SchedulerLeasesTable;
  properties: PropertiesTable;
  memberships: MembershipsTable;
  grants: GrantsTable;
  invitations: InvitationsTable;
  email_changes: EmailChangesTable;
  mfa_factors: MfaFactorsTable;
  recovery_codes: RecoveryCodesTable;
  mfa_challenges: MfaChallengesTable;
  mfa_enrolments: MfaEnrolmentsTable;
  trusted_devices: TrustedDevicesTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type NewOutbox = Insertable<OutboxTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;
