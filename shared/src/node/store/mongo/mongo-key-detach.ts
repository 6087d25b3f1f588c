/**
 * @module mongo-key-detach
 * When model configs go away, keys limited to them lose those ids; a key left with none is
 * deleted (an empty list would otherwise mean "every config of the owner").
 */
import type { ConfigModels } from './config-schemas';

export async function detachModelConfigsFromKeys(
  models: ConfigModels,
  userId: string,
  removedConfigIds: readonly string[],
): Promise<void> {
  if (removedConfigIds.length === 0) return;
  const removed = new Set(removedConfigIds);
  const keys = await models.apiKeys
    .find({ userId, modelConfigIds: { $in: [...removedConfigIds] } }, { _id: 1, modelConfigIds: 1 })
    .lean();
  const now = new Date();
  for (const key of keys) {
    const kept = key.modelConfigIds.filter((id) => !removed.has(id));
    if (kept.length === 0) await models.apiKeys.deleteOne({ _id: key._id });
    else
      await models.apiKeys.updateOne(
        { _id: key._id },
        { $set: { modelConfigIds: kept, updatedAt: now } },
      );
  }
}
