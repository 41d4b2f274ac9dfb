/**
 * A software passkey for tests: an ES256 key that answers a WebAuthn registration ("none"
 * attestation) as a browser and authenticator would.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest();

export class SoftPasskey {
  readonly credentialId: Buffer;
  #x: Buffer;
  #y: Buffer;

  /** `credentialId`: reuse another key's id (a clone, or a second registration of the same id). */
  constructor(credentialId?: Buffer) {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
    this.#x = Buffer.from(jwk.x, 'base64url');
    this.#y = Buffer.from(jwk.y, 'base64url');
    this.credentialId = credentialId ?? randomBytes(32);
  }

  /** The browser's answer to registration options (navigator.credentials.create). */
  register(options: { challenge: string }, origin = 'http://localhost:3000', rpId = 'localhost') {
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, new Uint8Array(this.#x)],
        [-3, new Uint8Array(this.#y)],
      ]),
    );
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([0x41]), // user present, attested credential data
      Buffer.alloc(4), // counter 0
      Buffer.alloc(16), // AAGUID
      idLength,
      this.credentialId,
      Buffer.from(cose),
    ]);
    const attestation = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', new Uint8Array(authData)],
      ]) as never,
    );
    const clientData = JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin });
    return {
      id: b64u(this.credentialId),
      rawId: b64u(this.credentialId),
      type: 'public-key' as const,
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64u(Buffer.from(clientData)),
        attestationObject: b64u(attestation),
        transports: ['usb'],
      },
    };
  }
}
