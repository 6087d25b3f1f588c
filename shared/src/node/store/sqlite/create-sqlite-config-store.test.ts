import { describeConfigStoreContract } from '../../../../test/config-store-contract';
import { createSqliteConfigStore } from './create-sqlite-config-store';

describeConfigStoreContract('sqlite (:memory:)', {
  create: async () => createSqliteConfigStore({ filePath: ':memory:' }),
  destroy: (store) => store.close(),
});
