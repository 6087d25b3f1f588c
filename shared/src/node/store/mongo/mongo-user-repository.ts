/**
 * @module mongo-user-repository
 * Users in MongoDB. The first-user-becomes-superuser slot is claimed with an insert on a unique
 * `_id` in `config_meta`, so two concurrent first registrations yield exactly one superuser.
 */
import { buildPage, clampPageLimit, readCursor } from '../../../store/paging';
import type { UserRepository } from '../../../store/users';
import { generateId } from '../generate-id';
import type { ConfigModels } from './config-schemas';
import { createConflictError } from '../../../store/store-errors';
import { isDuplicateKeyError, mapUserDocument, readConflictFields } from './mongo-documents';

const firstUserMarker = 'first-superuser';

export function createMongoUserRepository(models: ConfigModels): UserRepository {
  async function claimFirstUserSlot(userId: string): Promise<boolean> {
    if (await models.users.exists({})) return false;
    try {
      await models.meta.create([{ _id: firstUserMarker, userId }]);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  return {
    async create(user) {
      const id = generateId();
      const now = new Date();
      const isFirst = await claimFirstUserSlot(id);
      const document = {
        _id: id,
        username: user.username,
        email: user.email,
        passwordHash: user.passwordHash,
        isActive: true,
        isSuperuser: isFirst,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await models.users.create([document]);
      } catch (error) {
        if (isFirst) await models.meta.deleteOne({ _id: firstUserMarker, userId: id });
        if (!isDuplicateKeyError(error)) throw error;
        // Some servers do not say which index: ask which value is taken.
        const fields = readConflictFields(error, ['username', 'email']) ?? [
          ...((await models.users.exists({ username: user.username })) ? ['username'] : []),
          ...((await models.users.exists({ email: user.email })) ? ['email'] : []),
        ];
        throw createConflictError('user', fields, error);
      }
      return mapUserDocument(document);
    },
    async findById(id) {
      const document = await models.users.findById(id).lean();
      return document ? mapUserDocument(document) : undefined;
    },
    async findByLogin(usernameOrEmail) {
      const byUsername = await models.users.findOne({ username: usernameOrEmail }).lean();
      if (byUsername) return mapUserDocument(byUsername);
      const byEmail = await models.users.findOne({ email: usernameOrEmail.toLowerCase() }).lean();
      return byEmail ? mapUserDocument(byEmail) : undefined;
    },
    async list(page) {
      const limit = clampPageLimit(page.limit);
      const after = readCursor(page);
      const documents = await models.users
        .find(after === undefined ? {} : { _id: { $gt: after } })
        .sort({ _id: 1 })
        .limit(limit + 1)
        .lean();
      return buildPage(documents.map(mapUserDocument), limit);
    },
    async update(id, patch) {
      const set = Object.fromEntries(
        Object.entries(patch).filter(([, value]) => value !== undefined),
      );
      const document = await models.users
        .findOneAndUpdate(
          { _id: id },
          { $set: { ...set, updatedAt: new Date() } },
          { returnDocument: 'after' },
        )
        .lean();
      return document ? mapUserDocument(document) : undefined;
    },
    async delete(id) {
      if (!(await models.users.exists({ _id: id }))) return false;
      // Keys first, so nothing half-deleted stays usable if a later step fails.
      await models.apiKeys.deleteMany({ userId: id });
      await models.modelConfigs.deleteMany({ userId: id });
      await models.credentials.deleteMany({ userId: id });
      await models.refreshTokens.deleteMany({ userId: id });
      const result = await models.users.deleteOne({ _id: id });
      return result.deletedCount > 0;
    },
  };
}
