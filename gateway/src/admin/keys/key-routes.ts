/**
 * @module key-routes
 * `/api/keys` (API.md): proxy keys. The full key is answered once at creation; only its SHA-256
 * and a display prefix are stored. `model_config_ids` must name the owner's own configs (else 404
 * naming the entry); empty or absent means every enabled config of the owner.
 */
import { Router } from 'express';
import { GatewayError, type ApiKey } from '@llmfb/shared';
import { generateProxyKey } from '@llmfb/shared/node';
import { requirePrincipal } from '../../auth/admin-auth';
import type { Principal } from '../../http/locals';
import type { AdminContext } from '../admin-context';
import { publishConfigChange } from '../publish-config-change';
import { createNotFoundError, resolveListScope, resolveRecordScope } from '../resolve-scope';
import { emptyQuerySchema } from '../schemas/common-schemas';
import {
  createKeyBodySchema,
  keyListQuerySchema,
  updateKeyBodySchema,
} from '../schemas/key-schemas';
import { serializeApiKey, serializePage } from '../serialize-entities';
import { readBody, readQuery } from '../validate-input';

export function createKeyRouter(context: AdminContext): Router {
  const { store, events } = context;
  const router = Router();
  router.use(context.authenticate);

  /** De-duplicated ids, each an existing model config of `ownerId`. */
  async function checkModelConfigIds(
    ownerId: string,
    ids: readonly string[] | undefined,
  ): Promise<string[]> {
    const unique = [...new Set(ids ?? [])];
    if (unique.length === 0) return [];
    const found = new Set(
      (await store.modelConfigs.findManyOfUser(ownerId, unique)).map((config) => config.id),
    );
    const missing = (ids ?? []).flatMap((id, index) => (found.has(id) ? [] : [index]));
    if (missing.length > 0) {
      throw new GatewayError({
        code: 'resource.not_found',
        status: 404,
        message: 'Model config not found.',
        details: missing.map((index) => ({
          path: `model_config_ids.${index}`,
          message: 'No such model config.',
        })),
      });
    }
    return unique;
  }

  function parseExpiry(value: string | null | undefined): Date | null | undefined {
    if (value === undefined || value === null) return value;
    const date = new Date(value);
    if (date.getTime() <= Date.now()) {
      throw new GatewayError({
        code: 'request.invalid',
        status: 400,
        message: 'expires_at must be in the future.',
        details: [{ path: 'expires_at', message: 'Must be in the future.' }],
      });
    }
    return date;
  }

  async function findKey(principal: Principal, id: string): Promise<ApiKey> {
    const apiKey = await store.apiKeys.findById(resolveRecordScope(principal), id);
    if (!apiKey) throw createNotFoundError('Key');
    return apiKey;
  }

  const announce = (apiKey: ApiKey, action: 'created' | 'updated' | 'deleted') =>
    publishConfigChange(events, {
      entity: 'api_key',
      entityId: apiKey.id,
      userId: apiKey.userId,
      action,
    });

  router.get('/', async function listKeys(request, response) {
    const principal = requirePrincipal(response);
    const query = readQuery(keyListQuerySchema, request.query);
    const page = await store.apiKeys.list(resolveListScope(principal, query.all), query, {
      modelConfigId: query.model_config_id,
    });
    response.json(serializePage(page, serializeApiKey));
  });

  router.post('/', async function createKey(request, response) {
    const principal = requirePrincipal(response);
    readQuery(emptyQuerySchema, request.query);
    const body = readBody(createKeyBodySchema, request.body);
    const expiresAt = parseExpiry(body.expires_at) ?? null;
    const modelConfigIds = await checkModelConfigIds(principal.userId, body.model_config_ids);
    const generated = generateProxyKey();
    const apiKey = await store.apiKeys.create({
      userId: principal.userId,
      name: body.name,
      keyHash: generated.hash,
      prefix: generated.prefix,
      modelConfigIds,
      rateLimit: body.rate_limit ?? null,
      expiresAt,
      strict: body.strict ?? false,
    });
    announce(apiKey, 'created');
    response.setHeader('cache-control', 'no-store');
    response.status(201).json({ ...serializeApiKey(apiKey), key: generated.key });
  });

  router.get('/:id', async function getKey(request, response) {
    const principal = requirePrincipal(response);
    readQuery(emptyQuerySchema, request.query);
    response.json(serializeApiKey(await findKey(principal, request.params.id)));
  });

  router.put('/:id', async function updateKey(request, response) {
    const principal = requirePrincipal(response);
    readQuery(emptyQuerySchema, request.query);
    const body = readBody(updateKeyBodySchema, request.body);
    const existing = await findKey(principal, request.params.id);
    const expiresAt = parseExpiry(body.expires_at);
    const modelConfigIds =
      body.model_config_ids === undefined
        ? undefined
        : await checkModelConfigIds(existing.userId, body.model_config_ids);
    const updated = await store.apiKeys.update(resolveRecordScope(principal), existing.id, {
      name: body.name,
      modelConfigIds,
      rateLimit: body.rate_limit,
      expiresAt,
      isActive: body.is_active,
      strict: body.strict,
    });
    if (!updated) throw createNotFoundError('Key');
    announce(updated, 'updated');
    response.json(serializeApiKey(updated));
  });

  router.delete('/:id', async function deleteKey(request, response) {
    const principal = requirePrincipal(response);
    readQuery(emptyQuerySchema, request.query);
    const existing = await findKey(principal, request.params.id);
    if (!(await store.apiKeys.delete(resolveRecordScope(principal), existing.id)))
      throw createNotFoundError('Key');
    announce(existing, 'deleted');
    response.status(204).end();
  });

  return router;
}
