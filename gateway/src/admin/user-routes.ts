/**
 * @module user-routes
 * `/api/users`: the superuser's user admin, and everyone's own password change. Deactivating a
 * user revokes their refresh tokens at once; their access tokens and proxy keys stop working
 * within the caches' 1 s (the auth middleware and the proxy both check `is_active`).
 */
import { Router } from 'express';
import { GatewayError } from '@llmfb/shared';
import { requirePrincipal, requireSuperuser } from '../auth/admin-auth';
import type { AdminContext } from './admin-context';
import { publishConfigChange } from './publish-config-change';
import { createNotFoundError } from './resolve-scope';
import { emptyQuerySchema, pageQueryShape } from './schemas/common-schemas';
import { changePasswordBodySchema, updateUserBodySchema } from './schemas/user-schemas';
import { serializePage, serializeUser } from './serialize-entities';
import { readBody, readQuery } from './validate-input';
import { z } from 'zod';

const userListQuerySchema = z.strictObject(pageQueryShape);

const refuseSelf = (action: string) =>
  new GatewayError({
    code: 'resource.conflict',
    status: 409,
    message: `You cannot ${action} your own account.`,
  });

export function createUserRouter(context: AdminContext): Router {
  const { store, passwords, principals, events } = context;
  const router = Router();
  router.use(context.authenticate);

  router.get('/', async function listUsers(request, response) {
    requireSuperuser(response);
    const query = readQuery(userListQuerySchema, request.query);
    const page = await store.users.list({ limit: query.limit, cursor: query.cursor });
    response.json(serializePage(page, serializeUser));
  });

  // Before `/:id`, or "me" would be taken for an id.
  router.put('/me/password', async function changeOwnPassword(request, response) {
    const principal = requirePrincipal(response);
    readQuery(emptyQuerySchema, request.query);
    const body = readBody(changePasswordBodySchema, request.body);
    const user = await store.users.findById(principal.userId);
    if (!user) throw createNotFoundError('User');
    if (!(await passwords.verify(body.current_password, user.passwordHash))) {
      throw new GatewayError({
        code: 'request.invalid',
        status: 400,
        message: 'The current password is wrong.',
        details: [{ path: 'current_password', message: 'Wrong password.' }],
      });
    }
    await store.users.update(user.id, { passwordHash: await passwords.hash(body.new_password) });
    // Every other session signs in again with the new password.
    await store.refreshTokens.revokeAllForUser(user.id, new Date());
    response.status(204).end();
  });

  router.put('/:id', async function updateUser(request, response) {
    const principal = requireSuperuser(response);
    readQuery(emptyQuerySchema, request.query);
    const body = readBody(updateUserBodySchema, request.body);
    const id = request.params.id;
    if (id === principal.userId && (body.is_active === false || body.is_superuser === false)) {
      throw refuseSelf('deactivate or demote');
    }
    const user = await store.users.update(id, {
      isActive: body.is_active,
      isSuperuser: body.is_superuser,
    });
    if (!user) throw createNotFoundError('User');
    if (!user.isActive) await store.refreshTokens.revokeAllForUser(user.id, new Date());
    principals.forget(user.id);
    publishConfigChange(events, {
      entity: 'user',
      entityId: user.id,
      userId: user.id,
      action: 'updated',
    });
    response.json(serializeUser(user));
  });

  router.delete('/:id', async function deleteUser(request, response) {
    const principal = requireSuperuser(response);
    readQuery(emptyQuerySchema, request.query);
    const id = request.params.id;
    if (id === principal.userId) throw refuseSelf('delete');
    if (!(await store.users.delete(id))) throw createNotFoundError('User');
    principals.forget(id);
    publishConfigChange(events, { entity: 'user', entityId: id, userId: id, action: 'deleted' });
    response.status(204).end();
  });

  return router;
}
