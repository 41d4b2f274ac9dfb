import { AppError } from '../errors.js';

export const MFA_ERROR_CODES = {
  invalidChallenge: 'invalid_challenge',
  invalidCode: 'invalid_code',
  challengeLocked: 'challenge_locked',
  reauthenticationRequired: 'reauthentication_required',
  methodUnavailable: 'method_unavailable',
} as const;

export const mfaErrors = {
  invalidChallenge: () => new AppError('invalid_challenge', 401),
  invalidCode: (attemptsLeft: number) =>
    new AppError('invalid_code', 400, { params: { left: attemptsLeft }, details: { attemptsLeft } }),
  challengeLocked: () => new AppError('challenge_locked', 401),
  reauthenticationRequired: () => new AppError('reauthentication_required', 403),
  methodUnavailable: () => new AppError('method_unavailable', 400),
};
