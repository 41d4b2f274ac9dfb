/**
 * Reading `GET /api/v1/session` answers, and the way back to the sign-in page when the
 * session is gone (SPEC §2, §9).
 */
import type { ApiResult } from '../../api/client.js';
import type { SessionPayload, UnauthenticatedReason } from '../../api/types.js';
import { navigate } from '../../router.js';

export type SessionRead =
  /** `skewMs`: how far the server's clock is ahead of this computer's. */
  | { kind: 'active'; payload: SessionPayload; skewMs: number }
  | { kind: 'signed_out'; reason: UnauthenticatedReason | null }
  | { kind: 'failed'; message: string | null };

/** The Date header has one-second resolution: smaller differences are noise, not skew. */
const MIN_DATE_HEADER_SKEW_MS = 2000;
/** `session.serverNow` has millisecond resolution; below this, network latency dominates. */
const MIN_SERVER_NOW_SKEW_MS = 1000;

function skewFrom(
  serverNow: string | null | undefined,
  receivedAt: number,
  threshold: number,
): number | null {
  if (typeof serverNow !== 'string') return null;
  const parsed = Date.parse(serverNow);
  if (Number.isNaN(parsed)) return null;
  const skew = parsed - receivedAt;
  return Math.abs(skew) < threshold ? 0 : skew;
}

/** Prefers the payload's own `serverNow`, falling back on the Date header. */
function readSkew(payload: SessionPayload, headers: Headers, receivedAt: number): number {
  return (
    skewFrom(payload.session.serverNow, receivedAt, MIN_SERVER_NOW_SKEW_MS) ??
    skewFrom(headers.get('Date'), receivedAt, MIN_DATE_HEADER_SKEW_MS) ??
    0
  );
}

/** Why a 401 says the person is signed out (`error.details.reason`), when it is one the pages know. */
export function readReason(details: Record<string, unknown> | undefined): UnauthenticatedReason | null {
  const reason = details?.reason;
  return reason === 'missing' ||
    reason === 'idle_timeout' ||
    reason === 'max_age' ||
    reason === 'password_changed'
    ? reason
    : null;
}

export function readSession(result: ApiResult<SessionPayload>, receivedAt: number = Date.now()): SessionRead {
  if (result.kind === 'network') return { kind: 'failed', message: null };
  if (result.kind === 'error') {
    if (result.status === 401) return { kind: 'signed_out', reason: readReason(result.error.details) };
    return { kind: 'failed', message: result.error.message || null };
  }
  const payload = result.data;
  if (!payload?.user || !payload.session) return { kind: 'failed', message: null };
  return { kind: 'active', payload, skewMs: readSkew(payload, result.headers, receivedAt) };
}

/**
 * Why the page signs out, as the sign-in page should say. The server names an idle or absolute
 * expiry only the first time it sees it: it then deletes the session, so another tab (or a computer
 * waking up after the nightly clean-up) hears only that there is no session. At or past the deadline
 * this page already knew, that is the reason all the same; before it, the session was ended on
 * purpose (a sign-out elsewhere) and needs no explanation.
 */
export function signOutReason(
  reported: UnauthenticatedReason | null,
  deadline: { kind: 'idle' | 'absolute'; endsAt: number },
  now: number,
): UnauthenticatedReason | null {
  if (reported === 'idle_timeout' || reported === 'max_age') return reported;
  // A second of slack for the clocks' skew and the request's own time.
  if (Number.isFinite(deadline.endsAt) && now >= deadline.endsAt - 1000) {
    return deadline.kind === 'idle' ? 'idle_timeout' : 'max_age';
  }
  return reported;
}

/** Idle and absolute expiries say why on the sign-in page; a missing session needs no explanation. */
export function goToSignIn(reason: UnauthenticatedReason | null): void {
  const query =
    reason === 'idle_timeout' || reason === 'max_age' || reason === 'password_changed'
      ? `?reason=${reason}`
      : '';
  navigate(`/sign-in${query}`, { replace: true });
}
