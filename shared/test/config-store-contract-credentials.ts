/**
 * @module config-store-contract-credentials
 * Contract cases: credentials, model configs and keys — tenancy, conflicts, cascades.
 */
import type { ContractContext } from './config-store-contract';
import {
  createCredentialFor,
  createKeyFor,
  createModelConfigFor,
  createOwner,
  hashOf,
} from './config-store-contract';

export function createConfigStoreCredentialCases({ store }: ContractContext): void {
  describe('credentials', () => {
    it('keeps each user to their own credentials; "all" sees every one', async () => {
      const alice = await createOwner(store());
      const bob = await createOwner(store());
      const aliceCredential = await createCredentialFor(store(), alice.id);
      await createCredentialFor(store(), bob.id);
      expect(aliceCredential).toMatchObject({
        isActive: true,
        isValidated: false,
        validationError: null,
        injectSystemPrompt: true,
      });
      expect(
        await store().credentials.findById({ userId: bob.id }, aliceCredential.id),
      ).toBeUndefined();
      expect(
        (await store().credentials.findById({ userId: alice.id }, aliceCredential.id))?.name,
      ).toBe('main');
      expect((await store().credentials.findById('all', aliceCredential.id))?.id).toBe(
        aliceCredential.id,
      );
      expect((await store().credentials.list({ userId: alice.id }, {})).items).toHaveLength(1);
      expect((await store().credentials.list('all', {})).items).toHaveLength(2);
      expect(
        await store().credentials.update({ userId: bob.id }, aliceCredential.id, {
          name: 'stolen',
        }),
      ).toBeUndefined();
      expect(await store().credentials.delete({ userId: bob.id }, aliceCredential.id)).toBe(false);
    });

    it('refuses the same name twice for one user, not across users', async () => {
      const alice = await createOwner(store());
      const bob = await createOwner(store());
      await createCredentialFor(store(), alice.id, 'dup');
      await expect(createCredentialFor(store(), alice.id, 'dup')).rejects.toMatchObject({
        status: 409,
        details: [{ path: 'name' }],
      });
      await expect(createCredentialFor(store(), bob.id, 'dup')).resolves.toMatchObject({
        name: 'dup',
      });
      const other = await createCredentialFor(store(), alice.id, 'other');
      await expect(
        store().credentials.update({ userId: alice.id }, other.id, { name: 'dup' }),
      ).rejects.toMatchObject({ status: 409 });
    });

    it('updates validation state and settings', async () => {
      const alice = await createOwner(store());
      const credential = await createCredentialFor(store(), alice.id);
      const validatedAt = new Date('2026-01-02T03:04:05.678Z');
      const updated = await store().credentials.update({ userId: alice.id }, credential.id, {
        isValidated: true,
        validationError: 'boom',
        validatedAt,
        injectSystemPrompt: false,
        cliVersion: '2.1.0',
        validationModel: 'claude-haiku-4-5',
      });
      expect(updated).toMatchObject({
        isValidated: true,
        validationError: 'boom',
        validatedAt,
        injectSystemPrompt: false,
        cliVersion: '2.1.0',
        validationModel: 'claude-haiku-4-5',
        name: 'main',
      });
      const cleared = await store().credentials.update({ userId: alice.id }, credential.id, {
        validatedAt: null,
        validationError: null,
      });
      expect(cleared).toMatchObject({ validatedAt: null, validationError: null });
    });

    it('deletes a credential with its configs and the keys limited to them', async () => {
      const alice = await createOwner(store());
      const gone = await createCredentialFor(store(), alice.id, 'gone');
      const kept = await createCredentialFor(store(), alice.id, 'kept');
      const goneConfig = await createModelConfigFor(store(), gone, 'm1');
      const keptConfig = await createModelConfigFor(store(), kept, 'm2');
      const onlyGone = await createKeyFor(store(), alice.id, 'only-gone', [goneConfig.id]);
      const mixed = await createKeyFor(store(), alice.id, 'mixed', [goneConfig.id, keptConfig.id]);
      const everything = await createKeyFor(store(), alice.id, 'everything', []);
      expect(await store().credentials.delete({ userId: alice.id }, gone.id)).toBe(true);
      expect(await store().credentials.findById('all', gone.id)).toBeUndefined();
      expect(await store().modelConfigs.findById('all', goneConfig.id)).toBeUndefined();
      expect(await store().modelConfigs.findById('all', keptConfig.id)).toBeDefined();
      expect(await store().apiKeys.findById('all', onlyGone.id)).toBeUndefined();
      expect((await store().apiKeys.findById('all', mixed.id))?.modelConfigIds).toEqual([
        keptConfig.id,
      ]);
      expect((await store().apiKeys.findById('all', everything.id))?.modelConfigIds).toEqual([]);
    });
  });

  describe('model configs', () => {
    it('refuses a duplicate (credential, model, format) but allows the other format', async () => {
      const alice = await createOwner(store());
      const credential = await createCredentialFor(store(), alice.id);
      const openai = await createModelConfigFor(store(), credential, 'claude-x');
      await expect(createModelConfigFor(store(), credential, 'claude-x')).rejects.toMatchObject({
        status: 409,
      });
      const anthropic = await createModelConfigFor(store(), credential, 'claude-x', {
        targetFormat: 'anthropic',
      });
      await expect(
        store().modelConfigs.update({ userId: alice.id }, anthropic.id, { targetFormat: 'openai' }),
      ).rejects.toMatchObject({ status: 409 });
      const renamed = await store().modelConfigs.update({ userId: alice.id }, openai.id, {
        alias: 'fast',
        rateLimit: 7,
        isEnabled: false,
      });
      expect(renamed).toMatchObject({
        alias: 'fast',
        rateLimit: 7,
        isEnabled: false,
        modelName: 'claude-x',
      });
    });

    it('scopes lookups, lists and filters', async () => {
      const alice = await createOwner(store());
      const bob = await createOwner(store());
      const aliceCredential = await createCredentialFor(store(), alice.id);
      const aliceOther = await createCredentialFor(store(), alice.id, 'second');
      const bobCredential = await createCredentialFor(store(), bob.id);
      const a1 = await createModelConfigFor(store(), aliceCredential, 'a1');
      const a2 = await createModelConfigFor(store(), aliceOther, 'a2');
      const b1 = await createModelConfigFor(store(), bobCredential, 'b1');
      expect(await store().modelConfigs.findById({ userId: bob.id }, a1.id)).toBeUndefined();
      const mine = await store().modelConfigs.findManyOfUser(alice.id, [
        a1.id,
        a2.id,
        b1.id,
        'missing',
      ]);
      expect(mine.map((config) => config.id).sort()).toEqual([a1.id, a2.id].sort());
      const filtered = await store().modelConfigs.list(
        { userId: alice.id },
        {},
        { credentialId: aliceOther.id },
      );
      expect(filtered.items.map((config) => config.id)).toEqual([a2.id]);
      expect((await store().modelConfigs.list('all', {})).items).toHaveLength(3);
      expect(await store().modelConfigs.delete({ userId: bob.id }, a1.id)).toBe(false);
    });

    it('deletes a config and detaches it from keys', async () => {
      const alice = await createOwner(store());
      const credential = await createCredentialFor(store(), alice.id);
      const m1 = await createModelConfigFor(store(), credential, 'm1');
      const m2 = await createModelConfigFor(store(), credential, 'm2');
      const single = await createKeyFor(store(), alice.id, 'single', [m1.id]);
      const both = await createKeyFor(store(), alice.id, 'both', [m1.id, m2.id]);
      expect(await store().modelConfigs.delete({ userId: alice.id }, m1.id)).toBe(true);
      expect(await store().apiKeys.findById('all', single.id)).toBeUndefined();
      expect((await store().apiKeys.findById('all', both.id))?.modelConfigIds).toEqual([m2.id]);
    });
  });

  describe('api keys', () => {
    it('stores keys by hash, scopes them and filters by model config', async () => {
      const alice = await createOwner(store());
      const bob = await createOwner(store());
      const credential = await createCredentialFor(store(), alice.id);
      const config = await createModelConfigFor(store(), credential, 'm');
      const limited = await createKeyFor(store(), alice.id, 'limited', [config.id]);
      await createKeyFor(store(), alice.id, 'all');
      const bobKey = await createKeyFor(store(), bob.id, 'bob');
      expect(limited).toMatchObject({
        isActive: true,
        strict: false,
        lastUsedAt: null,
        modelConfigIds: [config.id],
      });
      await expect(
        store().apiKeys.create({ ...limited, name: 'copy', modelConfigIds: [] }),
      ).rejects.toMatchObject({ status: 409 });
      expect(await store().apiKeys.findById({ userId: alice.id }, bobKey.id)).toBeUndefined();
      expect((await store().apiKeys.list({ userId: alice.id }, {})).items).toHaveLength(2);
      const filtered = await store().apiKeys.list(
        { userId: alice.id },
        {},
        { modelConfigId: config.id },
      );
      expect(filtered.items.map((key) => key.id)).toEqual([limited.id]);
      const expiresAt = new Date('2030-01-01T00:00:00.000Z');
      const updated = await store().apiKeys.update({ userId: alice.id }, limited.id, {
        name: 'renamed',
        modelConfigIds: [],
        rateLimit: 10,
        expiresAt,
        isActive: false,
        strict: true,
      });
      expect(updated).toMatchObject({
        name: 'renamed',
        modelConfigIds: [],
        rateLimit: 10,
        expiresAt,
        isActive: false,
        strict: true,
      });
      expect(updated?.keyHash).toBe(hashOf(`llmb_limited_${alice.id}`));
      expect(
        await store().apiKeys.update({ userId: bob.id }, limited.id, { name: 'x' }),
      ).toBeUndefined();
      expect(await store().apiKeys.delete({ userId: bob.id }, limited.id)).toBe(false);
      expect(await store().apiKeys.delete({ userId: alice.id }, limited.id)).toBe(true);
    });
  });
}
