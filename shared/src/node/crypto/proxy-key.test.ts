import { createHash } from 'node:crypto';
import { generateProxyKey, hashProxyKey, maskSecret } from './proxy-key';

describe('proxy keys', () => {
  it('generates llmb_ + 43 url-safe characters, a SHA-256 hash and a display prefix', () => {
    const generated = generateProxyKey();
    expect(generated.key).toMatch(/^llmb_[A-Za-z0-9_-]{43}$/);
    expect(generated.hash).toBe(createHash('sha256').update(generated.key).digest('hex'));
    expect(hashProxyKey(generated.key)).toBe(generated.hash);
    expect(generated.key.startsWith(generated.prefix)).toBe(true);
    expect(generated.prefix).toHaveLength(12);
    expect(generateProxyKey().key).not.toBe(generated.key);
  });

  it('masks secrets as prefix…last4 without revealing most of them', () => {
    expect(maskSecret('sk-ant-api03-abcdefghijklmnopqrstuvwxyz')).toBe('sk-ant-…wxyz');
    expect(maskSecret('cr_0123456789abcdef')).toBe('cr_0…cdef');
    expect(maskSecret('short-key')).toBe('…ey');
    expect(maskSecret('abc')).toBe('…');
  });
});
