/**
 * @module model-routes
 * `/api/models` (API.md): model configs. Creating one also creates a proxy key limited to it,
 * answered once as `proxy_api_key`. The credential must be the caller's own (else 404).
 */
import { Router } from 'express';
import type { ModelConfig } from '@llmfb/shared';
import { generateProxyKey } from '@llmfb/shared/node';
import { requirePrincipal } from '../../auth/admin-auth';
import type { Principal } from '../../http/locals';
import type { AdminContext } from '../admin-context';
import { publishConfigChange } from '../publish-config-change';
import { createNotFoundError, resolveListScope, resolveRecordScope } from '../resolve-scope';
import { emptyQuerySchema } from '../schemas/common-schemas';
import {
  createModelBodySchema,
  modelListQuerySchema,
  updateModelBodySchema,
} from '../schemas/model-schemas';
import {
  serializeApiKey,
  serializeCredential,
  serializeModelConfig,
  serializePage,
} from '../serialize-entities';
import { readBody, readQuery } from '../validate-input';

export const defaultModelRateLimit = 100;

export function createModelRouter(context: AdminContext): Router {
  const { store, events, logger } = context;
  const router = Router();
  router.use(context.authenticate);

  async function findModelConfig(principal: Principal, id: string): Promise<ModelConfig> {
    const modelConfig = await store.modelConfigs.findById(resolveRecordScope(principal), id);
    if (!modelConfig) throw createNotFoundError('Model config');
    return modelConfig;
  }

  const announce = (modelConfig: ModelConfig, action: 'created' | 'updated' | 'deleted') =>
    publishConfigChange(events, {
      entity: 'model_config',
      entityId: modelConfig.id,
      userId: modelConfig.userId,
      action,
    });

  router.get('/', async function listModelConfigs(request, response) {
    const principal = requirePrincipal(response);
    const query = readQuery(modelListQuerySchema, request.query);
    const page = await store.modelConfigs.list(resolveListScope(principal, query.all), query, {
      credentialId: query.credential_id,
    });
    response.json(serializePage(page, serializeModelConfig));
  });

  router.post('/', async function createModelConfig(request, response) {
    const principal = requirePrincipal(response);
    readQuery(emptyQuerySchema, request.query);
    const body = readBody(createModelBodySchema, request.body);
    const credential = await store.credentials.findById(
      { userId: principal.userId },
      body.credential_id,
    );
    if (!credential) throw createNotFoundError('Credential', 'credential_id');
    const modelConfig = await store.modelConfigs.create({
      userId: principal.userId,
      credentialId: credential.id,
      modelName: body.model_name,
      alias: body.alias ?? body.model_name,
      targetFormat: body.target_format,
      isEnabled: body.is_enabled ?? true,
      rateLimit: body.rate_limit ?? defaultModelRateLimit,
    });
    const generated = generateProxyKey();
    const apiKey = await store.apiKeys.create({
      userId: principal.userId,
      name: `${modelConfig.alias} (${modelConfig.targetFormat})`,
      keyHash: generated.hash,
      prefix: generated.prefix,
      modelConfigIds: [modelConfig.id],
      rateLimit: null,
      expiresAt: null,
      strict: false,
    });
    announce(modelConfig, 'created');
    publishConfigChange(events, {
      entity: 'api_key',
      entityId: apiKey.id,
      userId: apiKey.userId,
      action: 'created',
    });
    response.setHeader('cache-control', 'no-store');
    response.status(201).json({
      ...serializeModelConfig(modelConfig),
      proxy_api_key: generated.key,
      proxy_api_key_id: apiKey.id,
    });
  });

  router.get('/:id', async function getModelConfig(request, response) {
    const principal = requirePrincipal(response);
    readQuery(emptyQuerySchema, request.query);
    response.json(serializeModelConfig(await findModelConfig(principal, request.params.id)));
  });

  router.put('/:id', async function updateModelConfig(request, response) {
    const principal = requirePrincipal(response);
    readQuery(emptyQuerySchema, request.query);
    const body = readBody(updateModelBodySchema, request.body);
    const updated = await store.modelConfigs.update(
      resolveRecordScope(principal),
      request.params.id,
      {
        alias: body.alias,
        isEnabled: body.is_enabled,
        rateLimit: body.rate_limit,
        targetFormat: body.target_format,
      },
    );
    if (!updated) throw createNotFoundError('Model config');
    announce(updated, 'updated');
    response.json(serializeModelConfig(updated));
  });

  router.delete('/:id', async function deleteModelConfig(request, response) {
    const principal = requirePrincipal(response);
    readQuery(emptyQuerySchema, request.query);
    const existing = await findModelConfig(principal, request.params.id);
    if (!(await store.modelConfigs.delete(resolveRecordScope(principal), existing.id))) {
      throw createNotFoundError('Model config');
    }
    announce(existing, 'deleted');
    response.status(204).end();
  });

  router.get('/:id/info', async function describeModelConfig(request, response) {
    const principal = requirePrincipal(response);
    readQuery(emptyQuerySchema, request.query);
    const modelConfig = await findModelConfig(principal, request.params.id);
    const owner = { userId: modelConfig.userId };
    const [credential, keys, recentUsage] = await Promise.all([
      store.credentials.findById(owner, modelConfig.credentialId),
      store.apiKeys.list(owner, { limit: 500 }, { modelConfigId: modelConfig.id }),
      readRecentUsage(modelConfig),
    ]);
    if (!credential) throw createNotFoundError('Model config');
    const summary = serializeCredential(credential);
    response.json({
      ...serializeModelConfig(modelConfig),
      credential: {
        id: summary.id,
        name: summary.name,
        provider: summary.provider,
        api_url: summary.api_url,
        api_key_masked: summary.api_key_masked,
        mode: summary.mode,
        is_active: summary.is_active,
        is_validated: summary.is_validated,
      },
      keys: keys.items.map(serializeApiKey),
      recent_usage: recentUsage,
    });
  });

  /** Usage comes from the analytics side; without it (or when it fails) the answer says null. */
  async function readRecentUsage(modelConfig: ModelConfig): Promise<unknown> {
    if (!context.usageSummary) return null;
    try {
      return (await context.usageSummary(modelConfig)) ?? null;
    } catch (error) {
      logger.warn(
        { err: error, modelConfigId: modelConfig.id },
        'recent usage unavailable for model info',
      );
      return null;
    }
  }

  return router;
}
