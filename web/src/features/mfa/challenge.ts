/**
 * The sign-in challenge between the password and the second factor (SPEC §2). It stays out of
 * the address bar (history, logs, shared links): sessionStorage only, cleared once used. The
 * server voids it after 5 minutes anyway.
 */
import type { MfaMethod } from '../../api/types.js';

const KEY = 'portier.mfaChallenge';
const METHODS: readonly MfaMethod[] = ['totp', 'webauthn', 'email', 'recovery'];

export interface StoredChallenge {
  challenge: string;
  /** `verify`: the person has factors; `enrol`: the property requires 2FA and they have none. */
  purpose: 'verify' | 'enrol';
  methods: MfaMethod[];
}

export function storeChallenge(stored: StoredChallenge): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(stored));
  } catch {
    // Storage blocked: the page that needs it sends the person back to sign in.
  }
}

export function readChallenge(): StoredChallenge | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (raw === null) return null;
    const value = JSON.parse(raw) as Partial<StoredChallenge>;
    if (typeof value.challenge !== 'string' || (value.purpose !== 'verify' && value.purpose !== 'enrol')) {
      return null;
    }
    const methods = Array.isArray(value.methods)
      ? METHODS.filter((method) => value.methods?.includes(method))
      : [];
    return { challenge: value.challenge, purpose: value.purpose, methods };
  } catch {
    return null;
  }
}

export function clearChallenge(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing to clear
  }
}

/** Where a login-like answer (`mfa_required`, `mfa_enrolment_required`) leads. */
export function goToSecondStep(
  payload:
    | { status: 'mfa_required'; challenge: string; methods: MfaMethod[] }
    | { status: 'mfa_enrolment_required'; challenge: string },
  navigateTo: (to: string, options?: { replace?: boolean }) => void,
  replace = false,
): void {
  if (payload.status === 'mfa_required') {
    storeChallenge({ challenge: payload.challenge, purpose: 'verify', methods: payload.methods });
    navigateTo('/sign-in/verify', { replace });
  } else {
    storeChallenge({ challenge: payload.challenge, purpose: 'enrol', methods: [] });
    navigateTo('/sign-in/enrol', { replace });
  }
}
