/**
 * @module sqlite-key-detach
 * When model configs go away, keys limited to them lose those ids; a key left with none is
 * deleted (an empty list would otherwise mean "every config of the owner").
 */
import type { DatabaseSync } from 'node:sqlite';
import { parseIdList, type SqliteRow } from './sqlite-rows';

/** Call inside the transaction that deletes the configs. */
export function detachModelConfigsFromKeys(
  database: DatabaseSync,
  userId: string,
  removedConfigIds: readonly string[],
): void {
  if (removedConfigIds.length === 0) return;
  const removed = new Set(removedConfigIds);
  const keys = database
    .prepare(
      "SELECT id, model_config_ids FROM api_keys WHERE user_id = ? AND model_config_ids <> '[]'",
    )
    .all(userId) as SqliteRow[];
  const update = database.prepare(
    'UPDATE api_keys SET model_config_ids = ?, updated_at = ? WHERE id = ?',
  );
  const remove = database.prepare('DELETE FROM api_keys WHERE id = ?');
  const now = new Date().toISOString();
  for (const key of keys) {
    const ids = parseIdList(key.model_config_ids);
    const kept = ids.filter((id) => !removed.has(id));
    if (kept.length === ids.length) continue;
    if (kept.length === 0) remove.run(String(key.id));
    else update.run(JSON.stringify(kept), now, String(key.id));
  }
}
