/**
 * What an answer of `POST /api/v1/auth/login` means for the sign-in page (SPEC §2, §9).
 * Kept apart from rendering so each case is named once.
 */
import type { ApiResult } from '../../api/client.js';
import type { LoginPayload, MfaMethod, WayOut } from '../../api/types.js';
import type { Lang } from '../../i18n/lang.js';

export type LoginOutcome =
  | { kind: 'signed_in' }
  | { kind: 'password_expired'; changeToken: string; maxAgeDays: number | null }
  /** The password was right; a second factor comes next (no session yet). */
  | { kind: 'mfa_required'; challenge: string; methods: MfaMethod[] }
  /** The property requires 2FA and the person has none: set it up now. */
  | { kind: 'mfa_enrolment_required'; challenge: string }
  | { kind: 'invalid_credentials'; message: string }
  | { kind: 'account_disabled'; message: string; waysOut: WayOut[] }
  /** Unpaid invoices: the message says who was told; the billing contact when the server gives it. */
  | {
      kind: 'property_suspended';
      message: string;
      /** The language the message was asked in (the page's language may change since). */
      lang: Lang;
      property: string | null;
      billingContact: { name: string | null; email: string | null } | null;
    }
  /** Too many failed sign-ins from this network; `message` may be empty, `retryAfterSeconds` from Retry-After. */
  | { kind: 'rate_limited'; message: string; retryAfterSeconds: number | null; at: number }
  /** 400 validation errors and anything else: the server's message as is, in the language asked. */
  | { kind: 'server_message'; code: string; message: string; lang: Lang }
  /** The password was right but the browser did not keep the session cookie (cookies blocked). */
  | { kind: 'cookies_blocked' }
  | { kind: 'unexpected' }
  | { kind: 'network' };

const WAYS_OUT: readonly WayOut[] = ['reset_password', 'ask_user_manager', 'contact_support'];

function readWaysOut(details: Record<string, unknown> | undefined): WayOut[] {
  const listed = details?.waysOut;
  if (!Array.isArray(listed)) return [...WAYS_OUT];
  return WAYS_OUT.filter((way) => listed.includes(way));
}

function readBillingContact(
  details: Record<string, unknown> | undefined,
): { name: string | null; email: string | null } | null {
  const contact = details?.billingContact;
  if (typeof contact !== 'object' || contact === null) return null;
  const { name, email } = contact as Record<string, unknown>;
  const result = {
    name: typeof name === 'string' && name !== '' ? name : null,
    email: typeof email === 'string' && email !== '' ? email : null,
  };
  return result.name === null && result.email === null ? null : result;
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, (date - now) / 1000);
}

/** Fallback when a proxy drops the header: the same wait in `error.details.retryAfterSeconds`. */
function readRetryDetail(details: Record<string, unknown> | undefined): number | null {
  const seconds = details?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) ? Math.max(0, seconds) : null;
}

export function readLoginOutcome(
  result: ApiResult<LoginPayload>,
  lang: Lang,
  now: number = Date.now(),
): LoginOutcome {
  if (result.kind === 'network') return { kind: 'network' };

  if (result.kind === 'ok') {
    const payload = result.data;
    switch (payload?.status) {
      case 'ok':
        return { kind: 'signed_in' };
      case 'password_expired':
        return {
          kind: 'password_expired',
          changeToken: payload.changeToken,
          maxAgeDays: typeof payload.maxAgeDays === 'number' ? payload.maxAgeDays : null,
        };
      case 'mfa_required':
        return {
          kind: 'mfa_required',
          challenge: payload.challenge,
          methods: Array.isArray(payload.methods) ? payload.methods : [],
        };
      case 'mfa_enrolment_required':
        return { kind: 'mfa_enrolment_required', challenge: payload.challenge };
      default:
        return { kind: 'unexpected' };
    }
  }

  const { code, message, details } = result.error;
  // A 429 may come from a rate limiter in front of the app, without our error body.
  if (result.status === 429 || code === 'rate_limited') {
    return {
      kind: 'rate_limited',
      message,
      retryAfterSeconds: parseRetryAfter(result.headers.get('Retry-After'), now) ?? readRetryDetail(details),
      at: now,
    };
  }
  if (message === '') return { kind: 'unexpected' };
  switch (code) {
    case 'invalid_credentials':
      return { kind: 'invalid_credentials', message };
    case 'account_disabled':
      return { kind: 'account_disabled', message, waysOut: readWaysOut(details) };
    case 'property_suspended':
      return {
        kind: 'property_suspended',
        message,
        lang,
        property: typeof details?.property === 'string' ? details.property : null,
        billingContact: readBillingContact(details),
      };
    default:
      return { kind: 'server_message', code, message, lang };
  }
}
