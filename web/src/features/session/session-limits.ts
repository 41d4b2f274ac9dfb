/**
 * The session limits last seen on the home page, kept for the tab's lifetime so the sign-in
 * page can say "after 6 hours without activity" once the session is gone and the server no
 * longer reports them.
 */
import type { SessionInfo } from '../../api/types.js';

const STORAGE_KEY = 'portier.sessionLimits';

export interface SessionLimits {
  idleTimeoutSeconds: number;
  maxAgeSeconds: number;
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

export function rememberSessionLimits(session: SessionInfo): void {
  if (!isPositive(session.idleTimeoutSeconds) || !isPositive(session.maxAgeSeconds)) return;
  const limits: SessionLimits = {
    idleTimeoutSeconds: session.idleTimeoutSeconds,
    maxAgeSeconds: session.maxAgeSeconds,
  };
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(limits));
  } catch {
    // Site data blocked: the sign-in page falls back to generic wording.
  }
}

export function recallSessionLimits(): SessionLimits | null {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    if (raw === null) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { idleTimeoutSeconds, maxAgeSeconds } = parsed as Record<string, unknown>;
    if (!isPositive(idleTimeoutSeconds) || !isPositive(maxAgeSeconds)) return null;
    return { idleTimeoutSeconds, maxAgeSeconds };
  } catch {
    return null;
  }
}
