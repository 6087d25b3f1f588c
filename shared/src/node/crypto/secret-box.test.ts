import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSecretBox, loadMasterKeyring, parseMasterKeys } from './secret-box';

const keyA = Buffer.alloc(32, 1).toString('base64');
const keyB = Buffer.alloc(32, 2).toString('hex');

describe('secret box', () => {
  it('encrypts with AES-256-GCM into a versioned envelope and decrypts it', () => {
    const box = createSecretBox(parseMasterKeys(keyA));
    const envelope = box.encrypt('sk-ant-secret-value');
    expect(envelope).toMatch(/^v1\.default\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(envelope).not.toContain('secret-value');
    expect(box.encrypt('sk-ant-secret-value')).not.toBe(envelope);
    expect(box.decrypt(envelope)).toBe('sk-ant-secret-value');
  });

  it('refuses a tampered envelope or an unknown key id', () => {
    const box = createSecretBox(parseMasterKeys(`a:${keyA}`));
    const envelope = box.encrypt('secret');
    const parts = envelope.split('.');
    const tampered = [...parts.slice(0, 4), Buffer.from('other!').toString('base64url')].join('.');
    expect(() => box.decrypt(tampered)).toThrow();
    expect(() => box.decrypt(envelope.replace('v1.a.', 'v1.zz.'))).toThrow(/"zz"/);
    expect(() => box.decrypt('garbage')).toThrow(/envelope/);
  });

  it('rotates: the first key encrypts, older keys still decrypt', () => {
    const old = createSecretBox(parseMasterKeys(`old:${keyA}`));
    const envelope = old.encrypt('legacy');
    const rotated = createSecretBox(parseMasterKeys(`new:${keyB}, old:${keyA}`));
    expect(rotated.primaryKeyId).toBe('new');
    expect(rotated.decrypt(envelope)).toBe('legacy');
    expect(rotated.encrypt('fresh').startsWith('v1.new.')).toBe(true);
  });

  it('names the bad entry without echoing the key', () => {
    expect(() => parseMasterKeys('a:short')).toThrow(/entry 1/);
    expect(() => parseMasterKeys(`a:${keyA},a:${keyA}`)).toThrow(/twice/);
    expect(() => parseMasterKeys('bad id:' + keyA)).toThrow();
    expect(() => parseMasterKeys('')).toThrow(/empty/);
  });

  it('generates the master key once into the data dir with 0600 permissions', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'llmfb-key-'));
    const first = createSecretBox(loadMasterKeyring({ dataDir }));
    const envelope = first.encrypt('persisted');
    const file = path.join(dataDir, 'master.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const contents = readFileSync(file, 'utf8');
    const second = createSecretBox(loadMasterKeyring({ dataDir }));
    expect(readFileSync(file, 'utf8')).toBe(contents);
    expect(second.decrypt(envelope)).toBe('persisted');
  });

  it('prefers LLMFB_ENCRYPTION_KEY over the file', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'llmfb-key-'));
    const keyring = loadMasterKeyring({ encryptionKey: `env:${keyA}`, dataDir });
    expect(keyring.primaryKeyId).toBe('env');
    expect(() => statSync(path.join(dataDir, 'master.key'))).toThrow();
  });
});
