import type { Migration } from 'kysely';
import * as createCoreTables from './2026-11-25T1000-create-core-tables.js';
import * as passwordLifecycle from './2026-11-25T1400-password-lifecycle.js';
import * as propertiesAndAccess from './2026-11-25T1500-properties-and-access.js';
import * as twoFactor from './2026-11-25T1600-two-factor.js';
import * as invitationLanguage from './2026-11-25T1700-invitation-language.js';
import * as lighterWriteIndexes from './2026-11-25T2200-lighter-write-indexes.js';
import * as pendingPassword from './2026-11-26T0800-pending-password.js';
import * as nfcEmails from './2026-11-26T1200-nfc-emails.js';
import * as pendingReplaces from './2026-11-26T1600-pending-replaces.js';

/** Every migration, by its date-prefixed name. Kysely applies them in name order. */
export const migrations: Record<string, Migration> = {
  '2026-11-25T1000-create-core-tables': createCoreTables,
  '2026-11-25T1400-password-lifecycle': passwordLifecycle,
  '2026-11-25T1500-properties-and-access': propertiesAndAccess,
  '2026-11-25T1600-two-factor': twoFactor,
  '2026-11-25T1700-invitation-language': invitationLanguage,
  '2026-11-25T2200-lighter-write-indexes': lighterWriteIndexes,
  '2026-11-26T0800-pending-password': pendingPassword,
  '2026-11-26T1200-nfc-emails': nfcEmails,
  '2026-11-26T1600-pending-replaces': pendingReplaces,
};
