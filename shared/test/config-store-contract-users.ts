/**
 * @module config-store-contract-users
 * Contract cases: users, refresh tokens, paging.
 */
import type { ContractContext } from './config-store-contract';
import { createCredentialFor, createKeyFor, createOwner } from './config-store-contract';

export function createConfigStoreUserCases({ store }: ContractContext): void {
  describe('users', () => {
    it('makes the first user superuser and no one after', async () => {
      const first = await store().users.create({
        username: 'alice',
        email: 'alice@example.com',
        passwordHash: 'h',
      });
      const second = await store().users.create({
        username: 'bob',
        email: 'bob@example.com',
        passwordHash: 'h',
      });
      expect(first.isSuperuser).toBe(true);
      expect(second.isSuperuser).toBe(false);
      expect(first.isActive).toBe(true);
    });

    it('elects exactly one superuser among concurrent first registrations', async () => {
      const users = await Promise.all(
        Array.from({ length: 5 }, (_, index) =>
          store().users.create({
            username: `racer${index}`,
            email: `racer${index}@example.com`,
            passwordHash: 'h',
          }),
        ),
      );
      expect(users.filter((user) => user.isSuperuser)).toHaveLength(1);
    });

    it('refuses a duplicate username or email with a 409 naming the field', async () => {
      await store().users.create({
        username: 'alice',
        email: 'alice@example.com',
        passwordHash: 'h',
      });
      await expect(
        store().users.create({ username: 'alice', email: 'other@example.com', passwordHash: 'h' }),
      ).rejects.toMatchObject({ status: 409, details: [{ path: 'username' }] });
      await expect(
        store().users.create({ username: 'alice2', email: 'alice@example.com', passwordHash: 'h' }),
      ).rejects.toMatchObject({ status: 409, details: [{ path: 'email' }] });
    });

    it('finds a user by username or by email in any case', async () => {
      const alice = await store().users.create({
        username: 'Alice',
        email: 'alice@example.com',
        passwordHash: 'h',
      });
      expect((await store().users.findByLogin('Alice'))?.id).toBe(alice.id);
      expect((await store().users.findByLogin('ALICE@example.com'))?.id).toBe(alice.id);
      expect(await store().users.findByLogin('nobody')).toBeUndefined();
      expect((await store().users.findById(alice.id))?.username).toBe('Alice');
    });

    it('updates flags and the password hash, and moves updatedAt', async () => {
      const alice = await createOwner(store());
      await new Promise((resolve) => setTimeout(resolve, 5));
      const updated = await store().users.update(alice.id, {
        isActive: false,
        passwordHash: 'new',
      });
      expect(updated).toMatchObject({
        isActive: false,
        passwordHash: 'new',
        isSuperuser: alice.isSuperuser,
      });
      expect(updated!.updatedAt.getTime()).toBeGreaterThan(alice.updatedAt.getTime());
      expect(await store().users.update('missing', { isActive: true })).toBeUndefined();
    });

    it('pages users with an opaque cursor and refuses a foreign cursor', async () => {
      const created = [];
      for (let index = 0; index < 5; index += 1) created.push(await createOwner(store(), 'pager'));
      const first = await store().users.list({ limit: 2 });
      expect(first.items.map((user) => user.id)).toEqual(
        created.slice(0, 2).map((user) => user.id),
      );
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await store().users.list({ limit: 2, cursor: first.nextCursor! });
      expect(second.items.map((user) => user.id)).toEqual(
        created.slice(2, 4).map((user) => user.id),
      );
      const third = await store().users.list({ limit: 2, cursor: second.nextCursor! });
      expect(third.items).toHaveLength(1);
      expect(third.nextCursor).toBeNull();
      expect((await store().users.list({ limit: 0 })).items).toHaveLength(1);
      await expect(store().users.list({ cursor: 'not-a-cursor' })).rejects.toMatchObject({
        status: 400,
        details: [{ path: 'cursor' }],
      });
    });

    it('deletes a user with everything they own', async () => {
      const alice = await createOwner(store());
      const credential = await createCredentialFor(store(), alice.id);
      const key = await createKeyFor(store(), alice.id, 'k');
      await store().refreshTokens.create({
        userId: alice.id,
        familyId: 'f',
        tokenHash: 'hash-1',
        expiresAt: new Date(Date.now() + 60_000),
      });
      expect(await store().users.delete(alice.id)).toBe(true);
      expect(await store().users.delete(alice.id)).toBe(false);
      expect(await store().credentials.findById('all', credential.id)).toBeUndefined();
      expect(await store().apiKeys.findById('all', key.id)).toBeUndefined();
      expect(await store().refreshTokens.findByHash('hash-1')).toBeUndefined();
    });
  });

  describe('refresh tokens', () => {
    it('revokes a live token exactly once, by family and by user', async () => {
      const alice = await createOwner(store());
      const expiresAt = new Date(Date.now() + 60_000);
      const first = await store().refreshTokens.create({
        userId: alice.id,
        familyId: 'fam',
        tokenHash: 'h1',
        expiresAt,
      });
      const sibling = await store().refreshTokens.create({
        userId: alice.id,
        familyId: 'fam',
        tokenHash: 'h2',
        expiresAt,
      });
      const other = await store().refreshTokens.create({
        userId: alice.id,
        familyId: 'other',
        tokenHash: 'h3',
        expiresAt,
      });
      expect((await store().refreshTokens.findByHash('h1'))?.revokedAt).toBeNull();
      const at = new Date();
      const outcomes = await Promise.all([
        store().refreshTokens.revokeIfLive(first.id, at),
        store().refreshTokens.revokeIfLive(first.id, at),
      ]);
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      await store().refreshTokens.revokeFamily('fam', at);
      expect((await store().refreshTokens.findByHash(sibling.tokenHash))?.revokedAt).toBeInstanceOf(
        Date,
      );
      expect((await store().refreshTokens.findByHash(other.tokenHash))?.revokedAt).toBeNull();
      await store().refreshTokens.revokeAllForUser(alice.id, at);
      expect((await store().refreshTokens.findByHash(other.tokenHash))?.revokedAt).toBeInstanceOf(
        Date,
      );
    });

    it('drops expired tokens', async () => {
      const alice = await createOwner(store());
      await store().refreshTokens.create({
        userId: alice.id,
        familyId: 'f',
        tokenHash: 'old',
        expiresAt: new Date(Date.now() - 1000),
      });
      await store().refreshTokens.create({
        userId: alice.id,
        familyId: 'f',
        tokenHash: 'new',
        expiresAt: new Date(Date.now() + 60_000),
      });
      expect(await store().refreshTokens.deleteExpired(new Date())).toBe(1);
      expect(await store().refreshTokens.findByHash('old')).toBeUndefined();
      expect(await store().refreshTokens.findByHash('new')).toBeDefined();
    });
  });
}
