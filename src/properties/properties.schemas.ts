import { z } from 'zod';
import { personName } from '../http/schemas.js';

export const role = z.enum(['admin', 'user_manager', 'member']);
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
export const grant = z.object({ product: slug, tab: z.union([slug, z.literal('*')]) }).strict();
export const grantList = z.array(grant).max(500);

export const propertyParams = z.object({ propertyId: z.uuid() }).strict();
export const memberParams = z.object({ propertyId: z.uuid(), userId: z.uuid() }).strict();
export const invitationParams = z.object({ propertyId: z.uuid(), invitationId: z.uuid() }).strict();

export const inviteBody = z
  .object({
    email: z.email().max(254),
    name: personName.optional(),
    role,
    language: z.enum(['fr', 'en']).default('fr'),
    grants: grantList.default([]),
  })
  .strict();

export const acceptInvitationBody = z
  .object({
    token: z
      .string()
      .min(16)
      .max(128)
      .regex(/^[A-Za-z0-9_-]+$/),
    name: personName.optional(),
    password: z.string().min(1).max(1024).optional(),
    language: z.enum(['fr', 'en']).default('fr'),
  })
  .strict();

export const tokenBody = z
  .object({
    token: z
      .string()
      .min(16)
      .max(128)
      .regex(/^[A-Za-z0-9_-]+$/),
  })
  .strict();

export const member = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  language: z.string(),
  role,
  status: z.enum(['active', 'disabled']),
  disabledReason: z.string().nullable(),
  failedAttempts: z.number(),
  lastLoginAt: z.string().nullable(),
  passwordChangedAt: z.string().nullable(),
  passwordExpiresAt: z.string().nullable(),
  passwordExpired: z.boolean(),
  twoFactorEnabled: z.boolean(),
  memberSince: z.string(),
  grants: z.array(z.object({ product: z.string(), tab: z.string() })),
});

export const auditQuery = z
  .object({
    actor: z.uuid().optional(),
    target: z.uuid().optional(),
    action: z
      .string()
      .regex(/^[a-z_.]{1,64}$/)
      .optional(),
    from: z.iso.datetime().optional(),
    to: z.iso.datetime().optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
  })
  .strict();
