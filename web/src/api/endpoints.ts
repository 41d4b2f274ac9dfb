/** The endpoints the pages use (SPEC §2, §9), each a thin call onto `apiRequest`. */
import type { Lang } from '../i18n/lang.js';
import { type ApiResult, apiRequest } from './client.js';
import type { LoginPayload, SessionPayload } from './types.js';

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
