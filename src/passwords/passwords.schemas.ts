import { z } from 'zod';

// A token is 43 base64url characters; anything else is refused before a lookup.
const token = z
  .string()
  .min(16)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a valid token');
// Long enough for any allowed password (the policy gives the precise reason), short enough to bound work.
const newPassword = z.string().min(1).max(1024);

export const resetRequestBody = z.object({ email: z.string().min(1).max(320) }).strict();
export const resetConfirmBody = z.object({ token, password: newPassword }).strict();
export const expiredChangeBody = z.object({ changeToken: token, password: newPassword }).strict();
export const changePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(65_536), newPassword })
  .strict();
export const strengthBody = z.object({ password: z.string().max(1024), token: token.optional() }).strict();

export const strengthResponse = z.object({
  ok: z.boolean(),
  score: z.number().int().min(0).max(4),
  problems: z.array(z.enum(['too_short', 'too_long', 'common', 'too_guessable'])),
  reasons: z.array(z.string()),
  warning: z.string().nullable(),
  suggestions: z.array(z.string()),
});

export const securityResponse = z.object({
  passwordChangedAt: z.string().nullable(),
  passwordExpiresAt: z.string().nullable(),
  maxAgeDays: z.number(),
  minLength: z.number(),
  maxLength: z.number(),
});
