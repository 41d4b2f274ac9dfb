import * as OTPAuth from 'otpauth';

/** A person's authenticator app in tests: TOTP (RFC 6238: SHA-1, 6 digits, 30 s) of a base32 secret. */
export function authenticatorApp(secret: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/** The code the app shows at `ms` (epoch milliseconds): tests on a manual clock pass its time. */
export const codeAt = (secret: string, ms: number) => authenticatorApp(secret).generate({ timestamp: ms });
