/**
 * The key that seals TOTP secrets at rest (AES-256-GCM, see shared/secret-box.ts) must be the one
 * they were sealed with, and the same on every node. A wrong key does not show until someone signs in
 * with an authenticator app, and then nobody can; so start-up (src/main.ts) checks it and refuses to
 * serve, with a message saying what to do.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/types.js';
import type { SecretBox } from '../shared/secret-box.js';
import { findOneSealedSecret } from './mfa.queries.js';

const HOW = 'PORTIER_MFA_KEY takes 32 random bytes, base64-encoded (e.g. `openssl rand -base64 32`)';

/**
 * Before the store is opened: several nodes on PostgreSQL cannot each make up their own key (the
 * embedded default keeps one in the data folder), so the key must be given.
 */
export function sharedKeyProblem(config: Pick<Config, 'databaseUrl' | 'mfaKey'>): string | null {
  if (!config.databaseUrl || config.mfaKey) return null;
  return (
    'PORTIER_MFA_KEY: required with DATABASE_URL. Every node must seal and open two-factor secrets ' +
    `with the same key; ${HOW}, the same on every node.`
  );
}

/** After migrations: the key opens the secrets already stored (null when it does, or none is stored). */
export async function storedSecretsProblem(
  db: Kysely<Database>,
  box: SecretBox,
  config: Pick<Config, 'mfaKey' | 'dataDir'>,
): Promise<string | null> {
  const sealed = await findOneSealedSecret(db);
  if (sealed === undefined) return null;
  try {
    box.open(sealed);
    return null;
  } catch {
    const where = config.mfaKey
      ? 'PORTIER_MFA_KEY'
      : `the key file ${config.dataDir}/mfa.key (made when none was found)`;
    return (
      `PORTIER_MFA_KEY: ${where} does not open the two-factor secrets stored in this database: they ` +
      'were sealed with another key, and nobody could sign in with an authenticator app. Set ' +
      'PORTIER_MFA_KEY to the key they were sealed with (or put back the data folder’s mfa.key file).'
    );
  }
}
