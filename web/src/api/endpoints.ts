/** The endpoints the pages use (SPEC §2, §9), each a thin call onto `apiRequest`. */
import type { Lang } from '../i18n/lang.js';
import { type ApiResult, apiRequest } from './client.js';
import type {
  AccountSecurity,
  AccountSession,
  LoginPayload,
  MailboxMessage,
  SessionPayload,
  StrengthPayload,
} from './types.js';

export function login(lang: Lang, email: string, password: string): Promise<ApiResult<LoginPayload>> {
  return apiRequest<LoginPayload>(lang, '/api/v1/auth/login', { method: 'POST', body: { email, password } });
}

export function logout(lang: Lang): Promise<ApiResult<null>> {
  return apiRequest<null>(lang, '/api/v1/auth/logout', { method: 'POST', body: {} });
}

/**
 * `passive` is for the page's own timers: it reports the remaining time without counting as
 * activity, so an open but unattended tab still signs out after the idle limit (SPEC §2).
 */
export function getSession(lang: Lang, options: { passive: boolean }): Promise<ApiResult<SessionPayload>> {
  return apiRequest<SessionPayload>(lang, options.passive ? '/api/v1/session?passive=1' : '/api/v1/session');
}

/**
 * A real cookie round trip (SPEC §2): the first call sets a test cookie, the second reports
 * whether it came back. `null` when the check itself could not run.
 */
export async function checkCookies(lang: Lang): Promise<boolean | null> {
  const set = await apiRequest<unknown>(lang, '/api/v1/cookie-check');
  if (set.kind !== 'ok') return null;
  const verify = await apiRequest<{ cookiesEnabled?: unknown }>(lang, '/api/v1/cookie-check?step=verify');
  if (verify.kind !== 'ok' || typeof verify.data?.cookiesEnabled !== 'boolean') return null;
  return verify.data.cookiesEnabled;
}

/** Always 202 whether or not the address has an account (SPEC §2); 429 with Retry-After when asked too often. */
export function requestPasswordReset(lang: Lang, email: string): Promise<ApiResult<{ status: 'accepted' }>> {
  return apiRequest(lang, '/api/v1/auth/password-reset', { method: 'POST', body: { email } });
}

/** 204 on success; 400 `invalid_token`, `weak_password` or `password_reused`. Does not sign in. */
export function confirmPasswordReset(lang: Lang, token: string, password: string): Promise<ApiResult<null>> {
  return apiRequest(lang, '/api/v1/auth/password-reset/confirm', {
    method: 'POST',
    body: { token, password },
  });
}

/** The expired-password change: 200 and a session cookie, so the person is signed in. */
export function changeExpiredPassword(
  lang: Lang,
  changeToken: string,
  password: string,
): Promise<ApiResult<{ status: 'ok' }>> {
  return apiRequest(lang, '/api/v1/auth/password-expired/change', {
    method: 'POST',
    body: { changeToken, password },
  });
}

/**
 * How a candidate password fares. `token` (reset or expired-change token) lets the server know
 * whose password it is; when signed in, the session cookie does that instead.
 */
export function checkPasswordStrength(
  lang: Lang,
  password: string,
  token?: string,
): Promise<ApiResult<StrengthPayload>> {
  const body = token === undefined ? { password } : { password, token };
  return apiRequest(lang, '/api/v1/passwords/strength', { method: 'POST', body });
}

export function getAccountSecurity(lang: Lang): Promise<ApiResult<AccountSecurity>> {
  return apiRequest(lang, '/api/v1/account/security');
}

/** 204; the other sessions are signed out, this one is kept. */
export function changePassword(
  lang: Lang,
  currentPassword: string,
  newPassword: string,
): Promise<ApiResult<null>> {
  return apiRequest(lang, '/api/v1/account/password', {
    method: 'POST',
    body: { currentPassword, newPassword },
  });
}

export function listSessions(lang: Lang): Promise<ApiResult<{ sessions: AccountSession[] }>> {
  return apiRequest(lang, '/api/v1/account/sessions');
}

export function endSession(lang: Lang, id: string): Promise<ApiResult<null>> {
  return apiRequest(lang, `/api/v1/account/sessions/${encodeURIComponent(id)}/end`, {
    method: 'POST',
    body: {},
  });
}

export function endOtherSessions(lang: Lang): Promise<ApiResult<{ ended: number }>> {
  return apiRequest(lang, '/api/v1/account/sessions/end-others', { method: 'POST', body: {} });
}

/** Only on the embedded development setup; 404 elsewhere. */
export function getDevMailbox(lang: Lang, to?: string): Promise<ApiResult<{ messages: MailboxMessage[] }>> {
  const query = to ? `?to=${encodeURIComponent(to)}` : '';
  return apiRequest(lang, `/api/v1/dev/mailbox${query}`);
}
