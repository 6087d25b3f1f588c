/**
 * @module logger
 * pino, configured once: JSON lines, secrets redacted wherever they may appear.
 */
import pino from 'pino';
import type { Logger } from '@llmfb/shared';

export const redactedPaths = [
  'password',
  'current_password',
  'new_password',
  'api_key',
  'key',
  'proxy_api_key',
  'access_token',
  'refresh_token',
  '*.password',
  '*.api_key',
  '*.apiKey',
  '*.key',
  '*.access_token',
  '*.refresh_token',
  '*.current_password',
  '*.new_password',
  '*.proxy_api_key',
  '*.passwordHash',
  '*.apiKeyEncrypted',
  '*.keyHash',
  '*.tokenHash',
  'res.headers["set-cookie"]',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.cookie',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, base: { service: 'gateway' }, redact: { paths: redactedPaths, censor: '[redacted]' } },
    destination,
  ) as unknown as Logger;
}
