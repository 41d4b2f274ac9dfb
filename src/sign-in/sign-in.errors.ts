import type { DisabledReason } from '../db/types.js';
import { AppError } from '../errors.js';

/** The sign-in slice's error codes (tests assert these constants). */
export const SIGN_IN_ERROR_CODES = {
  invalidCredentials: 'invalid_credentials',
  accountDisabled: 'account_disabled',
  rateLimited: 'rate_limited',
  passwordTooLong: 'password_too_long',
} as const;

export const signInErrors = {
  invalidCredentials: () => new AppError('invalid_credentials', 401),
  accountDisabled: (reason: DisabledReason | null) =>
    new AppError('account_disabled', 403, {
      messageKey: reason === 'too_many_failed_attempts' ? 'account_disabled' : 'account_disabled_admin',
      details: {
        reason,
        waysOut:
          reason === 'too_many_failed_attempts'
            ? ['reset_password', 'ask_user_manager', 'contact_support']
            : ['ask_user_manager', 'contact_support'],
      },
    }),
  /** `messageKey` says what was counted when it is not the network's failed sign-ins. */
  rateLimited: (
    waitMs: number,
    messageKey?:
      | 'rate_limited_account'
      | 'rate_limited_email_codes'
      | 'rate_limited_current_password'
      | 'rate_limited_reset_links',
  ) => {
    const seconds = Math.ceil(waitMs / 1000);
    return new AppError('rate_limited', 429, {
      ...(messageKey ? { messageKey } : {}),
      params: { minutes: Math.max(1, Math.ceil(seconds / 60)) },
      headers: { 'Retry-After': String(seconds) },
      details: { retryAfterSeconds: seconds },
    });
  },
};
