/**
 * Reading `GET /api/v1/session` answers, and the way back to the sign-in page when the
 * session is gone (SPEC §2, §9).
 */
import type { ApiResult } from '../../api/client.js';
import type { SessionPayload, UnauthenticatedReason } from '../../api/types.js';
import { navigate } from '../../router.js';

export type SessionRead =
  /** `skewMs`: how far the server's clock is ahead of this computer's (from the Date header). */
  | { kind: 'active'; payload: SessionPayload; skewMs: number }
  | { kind: 'signed_out'; reason: UnauthenticatedReason | null }
  | { kind: 'failed'; message: string | null };

/** The Date header has one-second resolution: smaller differences are noise, not skew. */
const MIN_SKEW_MS = 2000;

function readSkew(headers: Headers, receivedAt: number): number {
  const date = headers.get('Date');
  if (date === null) return 0;
  const serverNow = Date.parse(date);
  if (Number.isNaN(serverNow)) return 0;
  const skew = serverNow - receivedAt;
  return Math.abs(skew) < MIN_SKEW_MS ? 0 : skew;
}

function readReason(details: Record<string, unknown> | undefined): UnauthenticatedReason | null {
  const reason = details?.reason;
  return reason === 'missing' || reason === 'idle_timeout' || reason === 'max_age' ? reason : null;
}

export function readSession(result: ApiResult<SessionPayload>, receivedAt: number = Date.now()): SessionRead {
  if (result.kind === 'network') return { kind: 'failed', message: null };
  if (result.kind === 'error') {
    if (result.status === 401) return { kind: 'signed_out', reason: readReason(result.error.details) };
    return { kind: 'failed', message: result.error.message || null };
  }
  const payload = result.data;
  if (!payload?.user || !payload.session) return { kind: 'failed', message: null };
  return { kind: 'active', payload, skewMs: readSkew(result.headers, receivedAt) };
}

/** Idle and absolute expiries say why on the sign-in page; a missing session needs no explanation. */
export function goToSignIn(reason: UnauthenticatedReason | null): void {
  const query = reason === 'idle_timeout' || reason === 'max_age' ? `?reason=${reason}` : '';
  navigate(`/sign-in${query}`, { replace: true });
}
