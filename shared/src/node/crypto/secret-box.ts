/**
 * @module secret-box
 * AES-256-GCM encryption of upstream API keys under a versioned master key. Envelopes are
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts), so a key ring can hold retired keys for
 * decryption while new secrets use the primary one.
 *
 * Master key formats (`LLMFB_ENCRYPTION_KEY`, or `<data dir>/master.key` generated once in
 * embedded mode): one or more entries separated by commas or whitespace, each `keyId:key` or a bare
 * `key` (key id `default`); a key is 32 bytes as base64/base64url (44/43 characters) or hex (64
 * characters). The first entry encrypts; all entries decrypt. Rotation: put the new key first,
 * keep the old one after it.
 *
 * @example
 * const box = createSecretBox(loadMasterKeyring({ encryptionKey: config.LLMFB_ENCRYPTION_KEY, dataDir }));
 * const envelope = box.encrypt('sk-ant-…');
 * box.decrypt(envelope); // 'sk-ant-…'
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import path from 'node:path';
import { readOrCreateSecretFile } from './secret-file';

export interface MasterKeyring {
  readonly primaryKeyId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

export interface SecretBox {
  readonly primaryKeyId: string;
  encrypt(plaintext: string): string;
  /** Throws when the envelope is malformed, names an unknown key id, or was tampered with. */
  decrypt(envelope: string): string;
}

const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;
const additionalData = Buffer.from('llmfb.secret.v1');

function decodeKeyMaterial(text: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) {
    const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return bytes.length === 32 ? bytes : undefined;
  }
  return undefined;
}

/** Parses the master key text; the error names the entry at fault, never the key itself. */
export function parseMasterKeys(text: string): MasterKeyring {
  const entries = text.split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) throw new Error('LLMFB_ENCRYPTION_KEY is empty');
  const keys = new Map<string, Buffer>();
  let primaryKeyId = '';
  entries.forEach((entry, index) => {
    const separator = entry.indexOf(':');
    const keyId = separator === -1 ? 'default' : entry.slice(0, separator);
    const material = decodeKeyMaterial(separator === -1 ? entry : entry.slice(separator + 1));
    if (!keyIdPattern.test(keyId)) {
      throw new Error(
        `LLMFB_ENCRYPTION_KEY entry ${index + 1}: the key id must match ${keyIdPattern.source}`,
      );
    }
    if (!material) {
      throw new Error(
        `LLMFB_ENCRYPTION_KEY entry ${index + 1}: the key must be 32 bytes as base64 (44 chars) or hex (64 chars)`,
      );
    }
    if (keys.has(keyId)) throw new Error(`LLMFB_ENCRYPTION_KEY: key id "${keyId}" appears twice`);
    keys.set(keyId, material);
    if (index === 0) primaryKeyId = keyId;
  });
  return { primaryKeyId, keys };
}

export interface LoadMasterKeyringOptions {
  /** `LLMFB_ENCRYPTION_KEY`; when absent the key lives in `<dataDir>/master.key`. */
  readonly encryptionKey?: string | undefined;
  readonly dataDir: string;
}

/** The key ring from the environment, or from `<dataDir>/master.key` (generated once, 0600). */
export function loadMasterKeyring(options: LoadMasterKeyringOptions): MasterKeyring {
  if (options.encryptionKey) return parseMasterKeys(options.encryptionKey);
  const text = readOrCreateSecretFile(
    path.join(options.dataDir, 'master.key'),
    () => `k1:${randomBytes(32).toString('base64')}\n`,
  );
  return parseMasterKeys(text.trim());
}

export function createSecretBox(keyring: MasterKeyring): SecretBox {
  const primary = keyring.keys.get(keyring.primaryKeyId);
  if (!primary)
    throw new Error(`master key "${keyring.primaryKeyId}" is missing from the key ring`);
  return {
    primaryKeyId: keyring.primaryKeyId,
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', primary, iv);
      cipher.setAAD(additionalData);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
      return ['v1', keyring.primaryKeyId, ...parts].join('.');
    },
    decrypt(envelope) {
      const parts = envelope.split('.');
      const [version, keyId, iv, tag, ciphertext] = parts;
      if (
        parts.length !== 5 ||
        version !== 'v1' ||
        !keyId ||
        !iv ||
        !tag ||
        ciphertext === undefined
      ) {
        throw new Error('not a v1 secret envelope');
      }
      const key = keyring.keys.get(keyId);
      if (!key)
        throw new Error(`secret was encrypted with master key "${keyId}", which is not configured`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(additionalData);
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}
