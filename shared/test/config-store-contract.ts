/**
 * @module config-store-contract
 * The one behaviour suite every ConfigStore adapter must pass. Adapter test files call
 * `describeConfigStoreContract` with a factory that yields a fresh, empty store per test.
 */
import { createHash } from 'node:crypto';
import type { ConfigStore } from '../src/store/config-store';
import { createConfigStoreCredentialCases } from './config-store-contract-credentials';
import { createConfigStoreGrantCases } from './config-store-contract-grants';
import { createConfigStoreUserCases } from './config-store-contract-users';

export interface ConfigStoreFactory {
  create(): Promise<ConfigStore>;
  destroy(store: ConfigStore): Promise<void>;
}

/** Gives each case a fresh store. */
export interface ContractContext {
  store(): ConfigStore;
}

export const hashOf = (value: string) => createHash('sha256').update(value).digest('hex');

let sequence = 0;
/** A user with unique names, for cases that only need an owner. */
export async function createOwner(store: ConfigStore, name = 'owner') {
  sequence += 1;
  return store.users.create({
    username: `${name}${sequence}`,
    email: `${name}${sequence}@example.com`,
    passwordHash: 'scrypt$test',
  });
}

export async function createCredentialFor(store: ConfigStore, userId: string, name = 'main') {
  return store.credentials.create({
    userId,
    name,
    provider: 'anthropic',
    apiUrl: 'https://api.anthropic.com',
    apiKeyEncrypted: 'v1.k.iv.tag.ciphertext',
    apiKeyMasked: 'sk-ant…abcd',
    validationModel: null,
    injectSystemPrompt: true,
    cliVersion: null,
  });
}

export async function createModelConfigFor(
  store: ConfigStore,
  credential: { id: string; userId: string },
  modelName: string,
  overrides: { isEnabled?: boolean; targetFormat?: 'openai' | 'anthropic' } = {},
) {
  return store.modelConfigs.create({
    userId: credential.userId,
    credentialId: credential.id,
    modelName,
    alias: modelName,
    targetFormat: overrides.targetFormat ?? 'openai',
    isEnabled: overrides.isEnabled ?? true,
    rateLimit: 100,
  });
}

export async function createKeyFor(
  store: ConfigStore,
  userId: string,
  name: string,
  modelConfigIds: string[] = [],
) {
  return store.apiKeys.create({
    userId,
    name,
    keyHash: hashOf(`llmb_${name}_${userId}`),
    prefix: 'llmb_abc',
    modelConfigIds,
    rateLimit: null,
    expiresAt: null,
    strict: false,
  });
}

export function describeConfigStoreContract(adapter: string, factory: ConfigStoreFactory): void {
  describe(`ConfigStore contract: ${adapter}`, () => {
    let current: ConfigStore | undefined;
    beforeEach(async () => {
      current = await factory.create();
    });
    afterEach(async () => {
      if (current) await factory.destroy(current);
      current = undefined;
    });
    const context: ContractContext = {
      store: () => {
        if (!current) throw new Error('store not created');
        return current;
      },
    };
    createConfigStoreUserCases(context);
    createConfigStoreCredentialCases(context);
    createConfigStoreGrantCases(context);
  });
}
