/**
 * What an answer to a password-setting request means for the page (SPEC §2): the reset
 * confirmation, the expired-password change and the account page's change share these cases.
 */
import type { ApiResult } from '../../api/client.js';
import type { UnauthenticatedReason } from '../../api/types.js';
import { readReason } from '../session/session-state.js';

export type PasswordOutcome =
  | { kind: 'ok' }
  /** Reset link or change token used, expired, superseded or unknown (one answer for all). */
  | { kind: 'invalid_token' }
  /** `weak_password`, `password_reused`: about the new password; `reasons` when the server listed them. */
  | { kind: 'new_password_refused'; message: string; reasons: string[] }
  /** Account page only: the current password is wrong. */
  | { kind: 'current_password_wrong'; message: string }
  /** Account page only: the session ended meanwhile. */
  | { kind: 'signed_out'; reason: UnauthenticatedReason | null }
  | { kind: 'server_message'; message: string }
  | { kind: 'network' }
  | { kind: 'unexpected' };

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function readPasswordOutcome(result: ApiResult<unknown>): PasswordOutcome {
  if (result.kind === 'network') return { kind: 'network' };
  if (result.kind === 'ok') return { kind: 'ok' };
  const { code, message, details } = result.error;
  if (result.status === 401) return { kind: 'signed_out', reason: readReason(details) };
  switch (code) {
    case 'invalid_token':
      return { kind: 'invalid_token' };
    case 'weak_password':
      return { kind: 'new_password_refused', message, reasons: stringList(details?.reasons) };
    case 'password_reused':
    case 'password_too_long':
      return { kind: 'new_password_refused', message, reasons: [] };
    case 'invalid_current_password':
      return { kind: 'current_password_wrong', message };
    default:
      return message === '' ? { kind: 'unexpected' } : { kind: 'server_message', message };
  }
}
