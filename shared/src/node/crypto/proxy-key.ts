/**
 * @module proxy-key
 * Proxy keys (`llmb_` + 43 url-safe characters = 256 random bits) and opaque tokens, stored only
 * as SHA-256 hex; plus masking of secrets for display.
 *
 * @example
 * const { key, hash, prefix } = generateProxyKey(); // show `key` once, store `hash` and `prefix`
 * maskSecret('sk-ant-api03-abcdefghijklmnop'); // 'sk-ant-…mnop'
 */
import { createHash, randomBytes } from 'node:crypto';

export const proxyKeyPrefix = 'llmb_';
/** How many leading characters of a proxy key are kept for display. */
export const proxyKeyDisplayLength = 12;

export interface GeneratedProxyKey {
  readonly key: string;
  readonly hash: string;
  readonly prefix: string;
}

/** SHA-256 hex of a secret token (proxy key or refresh token). */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export const hashProxyKey = hashSecretToken;

/** An opaque random token of `bytes` bytes, base64url. */
export function generateOpaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function generateProxyKey(): GeneratedProxyKey {
  const key = proxyKeyPrefix + generateOpaqueToken(32);
  return { key, hash: hashSecretToken(key), prefix: key.slice(0, proxyKeyDisplayLength) };
}

/**
 * `prefix…last4` for display: up to 7 leading characters (at most a quarter of the secret) and the
 * last 4. Secrets shorter than 12 characters show only `…` and their last 2 (or nothing).
 */
export function maskSecret(secret: string): string {
  const value = secret.trim();
  if (value.length < 12) return `…${value.length >= 8 ? value.slice(-2) : ''}`;
  const prefixLength = Math.min(7, Math.floor(value.length / 4));
  return `${value.slice(0, prefixLength)}…${value.slice(-4)}`;
}
