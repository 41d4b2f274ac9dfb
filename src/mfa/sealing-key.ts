/**
 * The key that seals TOTP secrets at rest (AES-256-GCM, see shared/secret-box.ts) must be the one
 * they were sealed with, and the same on every node. A wrong key does not show until someone signs in
 * with an authenticator app, and then they cannot; so start-up (src/main.ts) checks it and refuses to
 * serve, with a message saying what to do.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/types.js';
import type { SecretBox } from '../shared/secret-box.js';
import {
  findKeyCheck,
  findSealedTotpSecrets,
  insertKeyCheckIfAbsent,
  replaceKeyCheck,
} from './mfa.queries.js';

/**
 * A known text sealed with the key, kept in portier_meta by the first node that starts: before any
 * secret is stored, it is what tells a node given another key from the others (whose enrolments it
 * could not open later).
 */
const KEY_CHECK = 'mfa_key_check';
const KEY_CHECK_TEXT = 'portier two-factor sealing key';

function opensCheck(box: SecretBox, sealed: string) {
  try {
    return box.open(sealed) === KEY_CHECK_TEXT;
  } catch {
    return false;
  }
}

/** Whether the stored check value (stored now if there is none) was sealed with this key. */
async function keyMatchesCheck(db: Kysely<Database>, box: SecretBox): Promise<boolean> {
  await insertKeyCheckIfAbsent(db, KEY_CHECK, box.seal(KEY_CHECK_TEXT));
  return (await keyCheckState(db, box)) === 'match';
}

/** Read only (the CLI's dry run): whether a check value is stored, and whether this key opens it. */
export async function keyCheckState(db: Kysely<Database>, box: SecretBox) {
  const stored = await findKeyCheck(db, KEY_CHECK);
  if (stored === undefined) return 'absent' as const;
  return opensCheck(box, stored) ? ('match' as const) : ('mismatch' as const);
}

/** This key becomes the one every node must use (`portier mfa drop-unreadable --confirm`). */
export async function adoptKey(db: Kysely<Database>, box: SecretBox) {
  await replaceKeyCheck(db, KEY_CHECK, box.seal(KEY_CHECK_TEXT));
}

/**
 * Before the store is opened: several nodes on PostgreSQL cannot each make up their own key (the
 * embedded default keeps one in the data folder), so the key must be given.
 */
export function sharedKeyProblem(config: Pick<Config, 'databaseUrl' | 'mfaKey' | 'dataDir'>): string | null {
  if (!config.databaseUrl || config.mfaKey) return null;
  return (
    'PORTIER_MFA_KEY: required with DATABASE_URL (every node must seal and open two-factor secrets ' +
    `with the same key). If this node ran before without it, set it to the content of ` +
    `${config.dataDir}/mfa.key, the key its secrets were sealed with; otherwise to 32 random bytes, ` +
    'base64-encoded (e.g. `openssl rand -base64 32`). The same value on every node.'
  );
}

/** The authenticator-app factors whose secret the key does not open. */
export async function unreadableTotpFactors(db: Kysely<Database>, box: SecretBox) {
  const unreadable: Array<{ id: string; userId: string }> = [];
  for (const factor of await findSealedTotpSecrets(db)) {
    try {
      box.open(factor.secret_enc as string);
    } catch {
      unreadable.push({ id: factor.id, userId: factor.user_id });
    }
  }
  return unreadable;
}

/** "2 authenticator app(s) of 1 person(s)": how many factors, and whose, a list holds. */
export function describeFactors(factors: ReadonlyArray<{ userId: string }>): string {
  return `${factors.length} authenticator app(s) of ${new Set(factors.map((f) => f.userId)).size} person(s)`;
}

/**
 * After migrations: null when the key opens every stored secret and is the key the store expects
 * (its check value, see KEY_CHECK). On the embedded store, with no secret stored, a check value of
 * another key is simply replaced: one node, nothing sealed, nothing to lose. On PostgreSQL other
 * nodes may be running with the old key, so this node is refused.
 */
export async function storedSecretsProblem(
  db: Kysely<Database>,
  box: SecretBox,
  config: Pick<Config, 'mfaKey' | 'dataDir' | 'databaseUrl'>,
): Promise<string | null> {
  const unreadable = await unreadableTotpFactors(db, box);
  if (unreadable.length) {
    const fix = config.mfaKey
      ? 'Set PORTIER_MFA_KEY to the key they were sealed with (on a node that ran without it: the content ' +
        `of ${config.dataDir}/mfa.key), or unset it to use that file.`
      : `Put back the ${config.dataDir}/mfa.key file they were sealed with, or set PORTIER_MFA_KEY to that key.`;
    return (
      `PORTIER_MFA_KEY: this key does not open ${describeFactors(unreadable)} stored in this database (sealed with another ` +
      `key): they could not sign in with it. ${fix} If that key is lost for good, ` +
      '`npx portier mfa drop-unreadable` removes the apps it cannot open and tells their owners, who then ' +
      'sign in with another method or enrol again.'
    );
  }
  if (await keyMatchesCheck(db, box)) return null;
  if (!config.databaseUrl) {
    await adoptKey(db, box);
    return null;
  }
  return (
    'PORTIER_MFA_KEY: this is not the key the other nodes of this database use (people who enrol an ' +
    'authenticator app through one of the two keys could not sign in with it through the other). Set ' +
    'PORTIER_MFA_KEY to the same value on every node. To make this key the one instead (the other is lost ' +
    'or was never used), run `npx portier mfa drop-unreadable --confirm` with it, then restart the other ' +
    'nodes with it.'
  );
}
