/** The endpoints the pages use (SPEC §2, §9), each a thin call onto `apiRequest`. */
import type { Lang } from '../i18n/lang.js';
import { type ApiResult, apiRequest } from './client.js';
import type {
  AccessCheck,
  AccessOverview,
  AccountSecurity,
  AccountSession,
  AuditFilters,
  AuditPage,
  Grant,
  Invitation,
  InvitationLookup,
  InviteRequest,
  LoginPayload,
  MailboxMessage,
  Member,
  Product,
  Role,
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

/**
 * The expired-password change: 200 and a session cookie, so the person is signed in — or, with
 * two-factor authentication, `mfa_required` / `mfa_enrolment_required` and a challenge.
 */
export function changeExpiredPassword(
  lang: Lang,
  changeToken: string,
  password: string,
): Promise<ApiResult<LoginPayload>> {
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

// ---- Properties and access (SPEC §3) ----

/** Choose the property to work in; remembered for the next sign-in. 404 if not a member. */
export function selectProperty(lang: Lang, propertyId: string): Promise<ApiResult<null>> {
  return apiRequest(lang, '/api/v1/session/property', { method: 'POST', body: { propertyId } });
}

export function getProducts(lang: Lang): Promise<ApiResult<{ products: Product[] }>> {
  return apiRequest(lang, '/api/v1/products');
}

/** 409 `property_required` when no property is chosen. */
export function getAccessOverview(lang: Lang): Promise<ApiResult<AccessOverview>> {
  return apiRequest(lang, '/api/v1/access/overview');
}

/** 200 when allowed; 403 `missing_grant` or `property_suspended`, with a message that says what to do. */
export function checkAccess(lang: Lang, product: string, tab: string): Promise<ApiResult<AccessCheck>> {
  const query = new URLSearchParams({ product, tab });
  return apiRequest(lang, `/api/v1/access?${query.toString()}`);
}

function propertyPath(propertyId: string, rest = ''): string {
  return `/api/v1/properties/${encodeURIComponent(propertyId)}${rest}`;
}

function memberPath(propertyId: string, userId: string, rest = ''): string {
  return propertyPath(propertyId, `/users/${encodeURIComponent(userId)}${rest}`);
}

export function listMembers(lang: Lang, propertyId: string): Promise<ApiResult<{ users: Member[] }>> {
  return apiRequest(lang, propertyPath(propertyId, '/users'));
}

export function getMember(lang: Lang, propertyId: string, userId: string): Promise<ApiResult<Member>> {
  return apiRequest(lang, memberPath(propertyId, userId));
}

export type MemberAction = 'enable' | 'send-reset-link' | 'reset-2fa' | 'remove';

/** 204; see the API for each action's refusals (`account_not_disabled`, `last_admin`, …). */
export function memberAction(
  lang: Lang,
  propertyId: string,
  userId: string,
  action: MemberAction,
): Promise<ApiResult<null>> {
  return apiRequest(lang, memberPath(propertyId, userId, `/${action}`), { method: 'POST', body: {} });
}

export function changeRole(
  lang: Lang,
  propertyId: string,
  userId: string,
  role: Role,
): Promise<ApiResult<null>> {
  return apiRequest(lang, memberPath(propertyId, userId, '/role'), { method: 'POST', body: { role } });
}

/** Replaces the person's grants; answers with the set actually stored (whole products absorb their tabs). */
export function setGrants(
  lang: Lang,
  propertyId: string,
  userId: string,
  grants: Grant[],
): Promise<ApiResult<{ grants: Grant[] }>> {
  return apiRequest(lang, memberPath(propertyId, userId, '/grants'), { method: 'PUT', body: { grants } });
}

/** 202: a confirmation link goes to the new address, the old one is told. 409 `email_taken`. */
export function requestEmailChange(
  lang: Lang,
  propertyId: string,
  userId: string,
  email: string,
): Promise<ApiResult<{ status: 'confirmation_sent' }>> {
  return apiRequest(lang, memberPath(propertyId, userId, '/email'), { method: 'POST', body: { email } });
}

export function listInvitations(
  lang: Lang,
  propertyId: string,
): Promise<ApiResult<{ invitations: Invitation[] }>> {
  return apiRequest(lang, propertyPath(propertyId, '/invitations'));
}

export function invite(
  lang: Lang,
  propertyId: string,
  request: InviteRequest,
): Promise<ApiResult<{ id: string; email: string; role: Role; expiresAt: string }>> {
  return apiRequest(lang, propertyPath(propertyId, '/invitations'), { method: 'POST', body: request });
}

export function invitationAction(
  lang: Lang,
  propertyId: string,
  invitationId: string,
  action: 'resend' | 'revoke',
): Promise<ApiResult<null>> {
  return apiRequest(
    lang,
    propertyPath(propertyId, `/invitations/${encodeURIComponent(invitationId)}/${action}`),
    {
      method: 'POST',
      body: {},
    },
  );
}

export function getAuditLog(
  lang: Lang,
  propertyId: string,
  filters: AuditFilters,
): Promise<ApiResult<AuditPage>> {
  const query = new URLSearchParams();
  for (const key of ['actor', 'target', 'action', 'from', 'to'] as const) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  query.set('page', String(filters.page));
  return apiRequest(lang, propertyPath(propertyId, `/audit?${query.toString()}`));
}

// ---- Public links: invitations and e-mail changes ----

export function lookupInvitation(lang: Lang, token: string): Promise<ApiResult<InvitationLookup>> {
  return apiRequest(lang, '/api/v1/invitations/lookup', { method: 'POST', body: { token } });
}

/** New accounts send a name and a password; existing accounts only the token. */
export function acceptInvitation(
  lang: Lang,
  request: { token: string; name?: string; password?: string; language: Lang },
): Promise<ApiResult<{ status: 'accepted'; propertyName: string }>> {
  return apiRequest(lang, '/api/v1/invitations/accept', { method: 'POST', body: request });
}

/** 200 with the confirmed address; 400 `invalid_token`, 409 `email_taken`. */
export function confirmEmailChange(lang: Lang, token: string): Promise<ApiResult<{ email: string }>> {
  return apiRequest(lang, '/api/v1/email-change/confirm', { method: 'POST', body: { token } });
}
