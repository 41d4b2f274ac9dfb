import { AppError } from '../errors.js';

export const MFA_ERROR_CODES = {
  invalidChallenge: 'invalid_challenge',
  invalidCode: 'invalid_code',
  challengeLocked: 'challenge_locked',
  reauthenticationRequired: 'reauthentication_required',
  methodUnavailable: 'method_unavailable',
  passkeyAlreadyRegistered: 'passkey_already_registered',
} as const;

const INVALID_CODE_MESSAGES = {
  totp: 'invalid_code',
  webauthn: 'invalid_passkey',
  email: 'invalid_email_code',
  recovery: 'invalid_recovery_code',
} as const;

export const mfaErrors = {
  invalidChallenge: () => new AppError('invalid_challenge', 401),
  /**
   * This node's sealing key does not open the authenticator-app secret (nodes given different
   * PORTIER_MFA_KEY values): a server fault, said as such, with the other ways in.
   */
  appUnavailable: () => new AppError('mfa_app_unavailable', 503),
  /** A wrong code at sign-in, with the tries left on this challenge; the message fits the method. */
  invalidCode: (attemptsLeft: number, method: 'totp' | 'webauthn' | 'email' | 'recovery' = 'totp') =>
    new AppError('invalid_code', 400, {
      messageKey: INVALID_CODE_MESSAGES[method],
      params: { left: attemptsLeft },
      details: { attemptsLeft },
    }),
  /** A wrong first code while adding an authenticator app (not counted: the person is signed in). */
  invalidEnrolmentCode: () => new AppError('invalid_code', 400, { messageKey: 'invalid_enrolment_code' }),
  invalidPasskey: () => new AppError('invalid_code', 400, { messageKey: 'invalid_passkey_registration' }),
  passkeyAlreadyRegistered: () => new AppError('passkey_already_registered', 409),
  emailCodeNotSent: () => new AppError('method_unavailable', 400, { messageKey: 'email_code_not_sent' }),
  notFound: () => new AppError('not_found', 404, { messageKey: 'mfa_item_not_found' }),
  challengeLocked: () => new AppError('challenge_locked', 401),
  reauthenticationRequired: () => new AppError('reauthentication_required', 403),
  methodUnavailable: () => new AppError('method_unavailable', 400),
};
