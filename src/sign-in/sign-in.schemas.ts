import { z } from 'zod';

export const loginBody = z
  .object({
    email: z.string().min(1).max(320).describe('E-mail address; trimmed, case-insensitive'),
    // Taken exactly as typed. The 1024-byte limit is checked in bytes by the route (password_too_long).
    password: z.string().min(1).max(65_536).describe('Password exactly as typed (at most 1024 UTF-8 bytes)'),
  })
  .strict();

export const loginOk = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok') }),
  z.object({
    status: z.literal('password_expired'),
    changeToken: z.string().describe('Use with POST /api/v1/auth/password-expired/change within 15 minutes'),
    maxAgeDays: z.number(),
  }),
  z.object({
    status: z.literal('mfa_required'),
    challenge: z.string().describe('Complete with POST /api/v1/auth/mfa/verify within 5 minutes'),
    methods: z.array(z.enum(['totp', 'webauthn', 'email', 'recovery'])),
  }),
  z.object({
    status: z.literal('mfa_enrolment_required'),
    challenge: z
      .string()
      .describe('The property requires 2FA: enrol with /api/v1/auth/mfa/enrol/* using this challenge'),
  }),
]);
