/**
 * The expired-password change token from sign-in (SPEC §2). It lives in sessionStorage
 * (`portier.changeToken`), never in the address bar, so it is neither logged nor shared with a
 * copied URL; a copy in memory covers browsers that block site data (navigation is in-app).
 */
const TOKEN_KEY = 'portier.changeToken';
const MAX_AGE_KEY = 'portier.changeToken.maxAgeDays';

export interface ChangeToken {
  token: string;
  /** The expiry rule in days, when the server said. */
  maxAgeDays: number | null;
}

let inMemory: ChangeToken | null = null;

export function storeChangeToken(token: string, maxAgeDays: number | null): void {
  inMemory = { token, maxAgeDays };
  try {
    window.sessionStorage.setItem(TOKEN_KEY, token);
    if (maxAgeDays === null) window.sessionStorage.removeItem(MAX_AGE_KEY);
    else window.sessionStorage.setItem(MAX_AGE_KEY, String(maxAgeDays));
  } catch {
    // Site data blocked: the in-memory copy is enough for an in-app navigation.
  }
}

export function readChangeToken(): ChangeToken | null {
  try {
    const token = window.sessionStorage.getItem(TOKEN_KEY);
    if (token) {
      const days = Number(window.sessionStorage.getItem(MAX_AGE_KEY));
      return { token, maxAgeDays: Number.isFinite(days) && days > 0 ? days : null };
    }
  } catch {
    // fall through to the in-memory copy
  }
  return inMemory;
}

export function clearChangeToken(): void {
  inMemory = null;
  try {
    window.sessionStorage.removeItem(TOKEN_KEY);
    window.sessionStorage.removeItem(MAX_AGE_KEY);
  } catch {
    // nothing stored
  }
}
