import * as z from 'zod/mini';
import { createListSchema, nullish } from '../core/http/list-response';

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  model_config_ids: z.array(z.string()),
  rate_limit: nullish(z.number()),
  expires_at: nullish(z.string()),
  is_active: z.boolean(),
  last_used_at: nullish(z.string()),
  created_at: z.string(),
});

export type ApiKey = z.infer<typeof apiKeySchema>;

export const apiKeyListSchema = createListSchema(apiKeySchema);

/** POST /api/keys answers the key record plus the full key, shown this once. */
export const createdApiKeySchema = z.extend(apiKeySchema, { key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export interface ApiKeyRequest {
  name?: string;
  model_config_ids?: string[];
  rate_limit?: number | null;
  expires_at?: string | null;
  is_active?: boolean;
}

export type KeyState = 'active' | 'disabled' | 'expired';

export function readKeyState(key: ApiKey, now: Date): KeyState {
  if (!key.is_active) return 'disabled';
  if (key.expires_at && new Date(key.expires_at).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** `2026-12-31` (a date input) → the end of that day in the user's time zone, as ISO UTC. */
export function convertDateInputToExpiry(value: string): string | null {
  if (!value) return null;
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return null;
  return new Date(year, month - 1, day, 23, 59, 59).toISOString();
}

/** The reverse, for the edit form: an ISO timestamp → `YYYY-MM-DD` in local time. */
export function convertExpiryToDateInput(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
