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
