import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAccessTokens } from './access-tokens';
import { loadJwtKeyPair } from './jwt-keys';

describe('loadJwtKeyPair', () => {
  it('generates the key once into the data dir (0600) and reuses it', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'llmfb-jwt-'));
    const first = loadJwtKeyPair({ dataDir });
    const file = path.join(dataDir, 'jwt-private.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = createAccessTokens({ keys: first, ttlSeconds: 60 }).issue({ id: 'u1' }).token;
    const second = loadJwtKeyPair({ dataDir });
    expect(createAccessTokens({ keys: second, ttlSeconds: 60 }).verify(token)).toEqual({
      userId: 'u1',
    });
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('reads PEM, one-line PEM with \\n escapes and base64 PEM from the environment', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'llmfb-jwt-'));
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    for (const privateKey of [
      privatePem,
      privatePem.replace(/\n/g, '\\n'),
      Buffer.from(privatePem).toString('base64'),
    ]) {
      const keys = loadJwtKeyPair({ privateKey, publicKey: publicPem, dataDir });
      const tokens = createAccessTokens({ keys, ttlSeconds: 60 });
      expect(tokens.verify(tokens.issue({ id: 'u2' }).token).userId).toBe('u2');
    }
    expect(() => statSync(path.join(dataDir, 'jwt-private.pem'))).toThrow();
    expect(() => loadJwtKeyPair({ privateKey: 'nonsense', dataDir })).toThrow(
      /LLMFB_JWT_PRIVATE_KEY/,
    );
    expect(() => loadJwtKeyPair({ publicKey: publicPem, dataDir })).toThrow(
      /without LLMFB_JWT_PRIVATE_KEY/,
    );
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => loadJwtKeyPair({ privateKey: small, dataDir })).toThrow(/2048/);
  });

  it('refuses tokens signed by another key', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'llmfb-jwt-'));
    const ours = createAccessTokens({ keys: loadJwtKeyPair({ dataDir }), ttlSeconds: 60 });
    const theirs = createAccessTokens({
      keys: generateKeyPairSync('rsa', { modulusLength: 2048 }),
      ttlSeconds: 60,
    });
    expect(() => ours.verify(theirs.issue({ id: 'u3' }).token)).toThrow(
      expect.objectContaining({ status: 401 }),
    );
  });
});
