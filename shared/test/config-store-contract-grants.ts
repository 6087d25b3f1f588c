/**
 * @module config-store-contract-grants
 * Contract cases: the proxy's hot-path lookup and last-used stamping.
 */
import type { ContractContext } from './config-store-contract';
import {
  createCredentialFor,
  createKeyFor,
  createModelConfigFor,
  createOwner,
  hashOf,
} from './config-store-contract';

export function createConfigStoreGrantCases({ store }: ContractContext): void {
  describe('resolveProxyKey', () => {
    it('answers undefined for an unknown hash', async () => {
      expect(await store().resolveProxyKey(hashOf('nope'))).toBeUndefined();
    });

    it('grants every enabled config of the owner to a key that names none', async () => {
      const alice = await createOwner(store());
      const bob = await createOwner(store());
      const credential = await createCredentialFor(store(), alice.id);
      const inactive = await createCredentialFor(store(), alice.id, 'inactive');
      await store().credentials.update({ userId: alice.id }, inactive.id, { isActive: false });
      const enabled = await createModelConfigFor(store(), credential, 'enabled');
      await createModelConfigFor(store(), credential, 'disabled', { isEnabled: false });
      const onInactive = await createModelConfigFor(store(), inactive, 'on-inactive');
      await createModelConfigFor(store(), await createCredentialFor(store(), bob.id), 'bobs');
      const key = await createKeyFor(store(), alice.id, 'all');
      const grant = await store().resolveProxyKey(key.keyHash);
      expect(grant?.key.id).toBe(key.id);
      expect(grant?.user).toEqual({ id: alice.id, isActive: true, isSuperuser: alice.isSuperuser });
      expect(grant?.models.map((model) => model.config.id)).toEqual([enabled.id, onInactive.id]);
      const inactiveEntry = grant?.models.find((model) => model.config.id === onInactive.id);
      expect(inactiveEntry?.credential).toMatchObject({
        id: inactive.id,
        isActive: false,
        apiKeyEncrypted: 'v1.k.iv.tag.ciphertext',
      });
    });

    it('limits a key to the configs it names, enabled ones only, and reports the owner state', async () => {
      const alice = await createOwner(store());
      const credential = await createCredentialFor(store(), alice.id);
      const first = await createModelConfigFor(store(), credential, 'first');
      const second = await createModelConfigFor(store(), credential, 'second');
      const off = await createModelConfigFor(store(), credential, 'off', { isEnabled: false });
      const key = await createKeyFor(store(), alice.id, 'limited', [second.id, off.id]);
      const grant = await store().resolveProxyKey(key.keyHash);
      expect(grant?.models.map((model) => model.config.id)).toEqual([second.id]);
      expect(grant?.models[0]?.credential.id).toBe(credential.id);
      expect(first.id).not.toBe(second.id);
      await store().users.update(alice.id, { isActive: false });
      expect((await store().resolveProxyKey(key.keyHash))?.user.isActive).toBe(false);
    });

    it('stamps last use in batches and never moves it backwards', async () => {
      const alice = await createOwner(store());
      const one = await createKeyFor(store(), alice.id, 'one');
      const two = await createKeyFor(store(), alice.id, 'two');
      const later = new Date('2030-01-01T00:00:00.000Z');
      await store().touchKeysLastUsed([one.id, two.id], later);
      await store().touchKeysLastUsed([one.id], new Date('2029-01-01T00:00:00.000Z'));
      await store().touchKeysLastUsed([], later);
      expect((await store().apiKeys.findById('all', one.id))?.lastUsedAt).toEqual(later);
      expect((await store().apiKeys.findById('all', two.id))?.lastUsedAt).toEqual(later);
    });

    it('is ready while open', async () => {
      await expect(store().checkReady()).resolves.toBeUndefined();
    });
  });
}
