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

export interface SessionPayload {
  user: SessionUser;
  session: SessionInfo;
  memberships: unknown[];
}

export type LoginPayload =
  | { status: 'ok' }
  | { status: 'password_expired'; changeToken: string; maxAgeDays?: number }
  | { status: 'mfa_required' };

/** Why `GET /api/v1/session` answered 401 (`error.details.reason`). */
export type UnauthenticatedReason = 'missing' | 'idle_timeout' | 'max_age';

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
