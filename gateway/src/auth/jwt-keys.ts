/**
 * @module jwt-keys
 * The RS256 key pair of the admin API's access tokens: from LLMFB_JWT_PRIVATE_KEY /
 * LLMFB_JWT_PUBLIC_KEY (PEM text, PEM with literal `\n` escapes, or base64 of the PEM), or
 * generated once into `<data dir>/jwt-private.pem` (0600) in embedded mode. The public key is
 * derived from the private key when not given.
 *
 * @example
 * const keys = loadJwtKeyPair({ privateKey: config.LLMFB_JWT_PRIVATE_KEY, publicKey: config.LLMFB_JWT_PUBLIC_KEY, dataDir });
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import path from 'node:path';
import { readOrCreateSecretFile } from '@llmfb/shared/node';

export interface JwtKeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export interface LoadJwtKeyPairOptions {
  readonly privateKey?: string | undefined;
  readonly publicKey?: string | undefined;
  readonly dataDir: string;
}

/** Accepts PEM, PEM with `\n` escapes (one-line env values), or base64 of the PEM. */
export function decodePem(value: string, variable: string): string {
  const text = value.trim().replace(/\\n/g, '\n');
  if (text.startsWith('-----BEGIN')) return text;
  const decoded = Buffer.from(text, 'base64').toString('utf8').trim();
  if (decoded.startsWith('-----BEGIN')) return decoded;
  throw new Error(`${variable} is neither a PEM key nor base64 of one`);
}

function readPrivateKey(pem: string, variable: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`${variable} must be an RSA key (RS256)`);
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new Error(`${variable} must be at least 2048 bits`);
  }
  return key;
}

export function loadJwtKeyPair(options: LoadJwtKeyPairOptions): JwtKeyPair {
  if (options.publicKey && !options.privateKey) {
    throw new Error(
      'LLMFB_JWT_PUBLIC_KEY is set without LLMFB_JWT_PRIVATE_KEY: tokens could not be issued',
    );
  }
  const privatePem = options.privateKey
    ? decodePem(options.privateKey, 'LLMFB_JWT_PRIVATE_KEY')
    : readOrCreateSecretFile(path.join(options.dataDir, 'jwt-private.pem'), () =>
        generateKeyPairSync('rsa', { modulusLength: 2048 })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      );
  const privateKey = readPrivateKey(
    privatePem,
    options.privateKey ? 'LLMFB_JWT_PRIVATE_KEY' : 'jwt-private.pem',
  );
  const publicKey = options.publicKey
    ? createPublicKey(decodePem(options.publicKey, 'LLMFB_JWT_PUBLIC_KEY'))
    : createPublicKey(privateKey);
  return { privateKey, publicKey };
}
