/**
 * AES-256-GCM for secrets at rest (TOTP seeds). The key comes from PORTIER_MFA_KEY (base64, 32
 * bytes) or, on the embedded default, from a key file generated once in the data folder. Several
 * nodes must share the key: start-up requires PORTIER_MFA_KEY with DATABASE_URL, and refuses a key
 * that does not open the secrets already stored (mfa/sealing-key.ts).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function loadOrCreateKey(args: { keyBase64?: string; dataDir: string }): Buffer {
  if (args.keyBase64) {
    const key = Buffer.from(args.keyBase64, 'base64');
    if (key.length !== 32) throw new Error('PORTIER_MFA_KEY: must be 32 bytes, base64-encoded');
    return key;
  }
  const file = path.join(args.dataDir, 'mfa.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(args.dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch {
    // Another process created it first: use theirs.
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  }
  return key;
}

export function createSecretBox(key: Buffer): SecretBox {
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        'v1',
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        data.toString('base64url'),
      ].join('.');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || !data) throw new Error('unknown secret format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
