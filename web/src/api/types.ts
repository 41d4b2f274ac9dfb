/** Shapes of the HTTP API (SPEC §9) as the pages use them. Times are ISO 8601 strings. */

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  language: string;
}

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastActivityAt: string;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
  idleTimeoutSeconds: number;
  maxAgeSeconds: number;
  /** The server's clock when it answered; absent from older servers. */
  serverNow?: string;
}

/** The roles of a person in a property (SPEC §1); `admin` and `user_manager` manage users. */
export type Role = 'admin' | 'user_manager' | 'member';

export type PropertyStatus = 'active' | 'suspended';

/** One property the signed-in person belongs to (`GET /api/v1/session`). */
export interface Membership {
  propertyId: string;
  propertyName: string;
  propertyStatus: PropertyStatus;
  role: Role;
  isPrimaryContact: boolean;
  /** Whether the property requires two-factor authentication of everyone. */
  requireTwoFactor?: boolean;
}

export interface SessionPayload {
  user: SessionUser;
  session: SessionInfo;
  /** Absent from older servers: read with `?? []`. */
  memberships?: Membership[];
  /** The property the session works in; null when the person has several and has not chosen. */
  activePropertyId?: string | null;
}

export type LoginPayload =
  | { status: 'ok' }
  | { status: 'password_expired'; changeToken: string; maxAgeDays?: number }
  | { status: 'mfa_required'; challenge: string; methods: MfaMethod[] }
  | { status: 'mfa_enrolment_required'; challenge: string };

/** The second-factor methods a sign-in challenge offers (SPEC §2). */
export type MfaMethod = 'totp' | 'webauthn' | 'email' | 'recovery';

/** `POST /api/v1/auth/mfa/enrol/totp`, `POST /api/v1/account/mfa/totp`: QR code as a data: URL. */
export interface TotpEnrolment {
  enrolmentId: string;
  secret: string;
  otpauthUri: string;
  qrCode: string;
}

export interface MfaFactor {
  id: string;
  type: 'totp' | 'webauthn';
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface TrustedDevice {
  id: string;
  userAgent: string | null;
  createdAt: string;
  expiresAt: string;
}

/** `GET /api/v1/account/mfa`. */
export interface MfaOverview {
  factors: MfaFactor[];
  recoveryCodesLeft: number;
  requiredByProperty: boolean;
  trustedDevices: TrustedDevice[];
}

/** A new factor: the first one brings the 10 recovery codes (shown once), later ones `null`. */
export interface FactorAdded {
  factorId: string;
  recoveryCodes: string[] | null;
}

/** Why `GET /api/v1/session` answered 401 (`error.details.reason`). */
export type UnauthenticatedReason = 'missing' | 'idle_timeout' | 'max_age' | 'password_changed';

/** The ways out of a disabled account the server lists in `error.details.waysOut`. */
export type WayOut = 'reset_password' | 'ask_user_manager' | 'contact_support';

/** What the password rules object to (`POST /api/v1/passwords/strength`, `weak_password` details). */
export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'too_guessable';

/** `POST /api/v1/passwords/strength`: texts are already in the request's language. */
export interface StrengthPayload {
  ok: boolean;
  /** 0 (very weak) to 4 (very strong), zxcvbn-style. */
  score: number;
  problems: PasswordProblem[];
  reasons: string[];
  warning: string | null;
  suggestions: string[];
}

/** `GET /api/v1/account/security`. */
export interface AccountSecurity {
  passwordChangedAt: string | null;
  passwordExpiresAt: string | null;
  maxAgeDays: number;
  minLength: number;
  maxLength: number;
}

/** One entry of `GET /api/v1/account/sessions`. */
export interface AccountSession {
  id: string;
  /** The session this page runs in. */
  current: boolean;
  createdAt: string;
  lastActivityAt: string;
  ip: string | null;
  userAgent: string | null;
}

/** One e-mail of the development mailbox (`GET /api/v1/dev/mailbox`), newest first. */
export interface MailboxMessage {
  id: number;
  createdAt: string;
  to: string;
  subject: string;
  text: string;
  language: string;
  status: string;
}

/** A text the catalogue gives in both languages. */
export interface Label {
  fr: string;
  en: string;
}

export interface ProductTab {
  id: string;
  name: Label;
}

/** `GET /api/v1/products`: a product of the vendor and its tabs. */
export interface Product {
  id: string;
  name: Label;
  tabs: ProductTab[];
}

/** A right to open a tab of a product; `tab: '*'` is the whole product. */
export interface Grant {
  product: string;
  tab: string;
}

/** Someone in the property who can grant a missing right. */
export interface Grantor {
  name: string;
  email: string;
  role: Role;
}

/** `GET /api/v1/access/overview`: what the person may open at the active property. */
export interface AccessOverview {
  property: {
    id: string;
    name: string;
    status: PropertyStatus;
    role: Role;
    /** Only while the property is suspended: who was told about the unpaid invoices. */
    billingContact: { name: string | null; email: string | null } | null;
  };
  products: Array<{
    id: string;
    name: Label;
    allowed: boolean;
    tabs: Array<{ id: string; name: Label; allowed: boolean; grantors: Grantor[] }>;
  }>;
}

/** `GET /api/v1/access?product=&tab=` when allowed. */
export interface AccessCheck {
  allowed: true;
  propertyId: string;
  product: string;
  tab: string | null;
}

export type DisabledReason = 'too_many_failed_attempts' | 'disabled_by_manager' | 'disabled_by_staff';

/** A person of the property as user managers see them. */
export interface Member {
  userId: string;
  email: string;
  name: string;
  language: string;
  role: Role;
  status: 'active' | 'disabled';
  disabledReason: DisabledReason | string | null;
  failedAttempts: number;
  lastLoginAt: string | null;
  passwordChangedAt: string | null;
  passwordExpiresAt: string | null;
  passwordExpired: boolean;
  twoFactorEnabled: boolean;
  memberSince: string;
  grants: Grant[];
}

export interface Invitation {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

export interface InviteRequest {
  email: string;
  name?: string;
  role: Role;
  language: 'fr' | 'en';
  grants: Grant[];
}

export interface AuditEvent {
  id: number;
  at: string;
  action: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  targetId: string | null;
  targetName: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditPage {
  page: number;
  hasMore: boolean;
  events: AuditEvent[];
}

export interface AuditFilters {
  actor?: string;
  target?: string;
  action?: string;
  /** ISO 8601 instants (UTC, with `Z`). */
  from?: string;
  to?: string;
  page: number;
}

/** `POST /api/v1/invitations/lookup`. */
export interface InvitationLookup {
  propertyName: string;
  email: string;
  name: string | null;
  role: Role;
  existingAccount: boolean;
}
