/** Two-factor endpoints (SPEC §2): the sign-in challenge, and the signed-in account's factors. */
import type { Lang } from '../i18n/lang.js';
import { type ApiResult, apiRequest } from './client.js';
import type { FactorAdded, LoginPayload, MfaMethod, MfaOverview, TotpEnrolment } from './types.js';

// ---- During sign-in (a challenge, no session yet) ----

export function verifyMfa(
  lang: Lang,
  request: { challenge: string; method: MfaMethod; code?: string; assertion?: unknown; trustDevice: boolean },
): Promise<ApiResult<{ status: 'ok'; recoveryCodesLeft: number }>> {
  return apiRequest(lang, '/api/v1/auth/mfa/verify', { method: 'POST', body: request });
}

/** 202: a 6-digit code valid 10 minutes is on its way by e-mail. */
export function sendMfaEmailCode(lang: Lang, challenge: string): Promise<ApiResult<{ status: 'sent' }>> {
  return apiRequest(lang, '/api/v1/auth/mfa/email-code', { method: 'POST', body: { challenge } });
}

/** PublicKeyCredentialRequestOptionsJSON for `startAuthentication`. */
export function getMfaWebauthnOptions(lang: Lang, challenge: string): Promise<ApiResult<unknown>> {
  return apiRequest(lang, '/api/v1/auth/mfa/webauthn-options', { method: 'POST', body: { challenge } });
}

export function startSignInTotpEnrolment(lang: Lang, challenge: string): Promise<ApiResult<TotpEnrolment>> {
  return apiRequest(lang, '/api/v1/auth/mfa/enrol/totp', { method: 'POST', body: { challenge } });
}

export function confirmSignInTotpEnrolment(
  lang: Lang,
  request: { challenge: string; enrolmentId: string; code: string; name?: string },
): Promise<ApiResult<{ status: 'ok'; recoveryCodes: string[] | null }>> {
  return apiRequest(lang, '/api/v1/auth/mfa/enrol/totp/confirm', { method: 'POST', body: request });
}

// ---- Signed in: the account's factors (changes need a recent password, else 403) ----

/** 204, valid 10 minutes; 400 `invalid_current_password`. */
export function reauthenticate(lang: Lang, password: string): Promise<ApiResult<null>> {
  return apiRequest(lang, '/api/v1/account/reauth', { method: 'POST', body: { password } });
}

export function getMfaOverview(lang: Lang): Promise<ApiResult<MfaOverview>> {
  return apiRequest(lang, '/api/v1/account/mfa');
}

export function startTotp(lang: Lang): Promise<ApiResult<TotpEnrolment>> {
  return apiRequest(lang, '/api/v1/account/mfa/totp', { method: 'POST', body: {} });
}

export function confirmTotp(
  lang: Lang,
  request: { enrolmentId: string; code: string; name: string },
): Promise<ApiResult<FactorAdded>> {
  return apiRequest(lang, '/api/v1/account/mfa/totp/confirm', { method: 'POST', body: request });
}

export function startWebauthn(lang: Lang): Promise<ApiResult<{ enrolmentId: string; options: unknown }>> {
  return apiRequest(lang, '/api/v1/account/mfa/webauthn', { method: 'POST', body: {} });
}

export function finishWebauthn(
  lang: Lang,
  request: { enrolmentId: string; response: unknown; name: string },
): Promise<ApiResult<FactorAdded>> {
  return apiRequest(lang, '/api/v1/account/mfa/webauthn/finish', { method: 'POST', body: request });
}

export function removeFactor(lang: Lang, id: string): Promise<ApiResult<null>> {
  return apiRequest(lang, `/api/v1/account/mfa/factors/${encodeURIComponent(id)}/remove`, {
    method: 'POST',
    body: {},
  });
}

export function regenerateRecoveryCodes(lang: Lang): Promise<ApiResult<{ recoveryCodes: string[] }>> {
  return apiRequest(lang, '/api/v1/account/mfa/recovery-codes', { method: 'POST', body: {} });
}

export function removeTrustedDevice(lang: Lang, id: string): Promise<ApiResult<null>> {
  return apiRequest(lang, `/api/v1/account/mfa/trusted-devices/${encodeURIComponent(id)}/remove`, {
    method: 'POST',
    body: {},
  });
}

// ---- Property policy (admins) ----

export function setTwoFactorPolicy(
  lang: Lang,
  propertyId: string,
  required: boolean,
): Promise<ApiResult<null>> {
  return apiRequest(lang, `/api/v1/properties/${encodeURIComponent(propertyId)}/two-factor-policy`, {
    method: 'POST',
    body: { required },
  });
}

/** The expired-password change may also lead to the second factor (same statuses as the login). */
export type ExpiredChangePayload = LoginPayload;
