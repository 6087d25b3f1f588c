/**
 * @module credential-routes
 * `/api/credentials` (API.md): CRUD, validation against the real upstream, and the upstream's
 * model list. API keys are encrypted at rest and only ever answered masked; changing the key or
 * the URL resets `is_validated`; deleting a credential removes its model configs and the keys
 * limited to them.
 */
import { Router } from 'express';
import { GatewayError, type Credential } from '@llmfb/shared';
import { maskSecret } from '@llmfb/shared/node';
import { requirePrincipal } from '../../auth/admin-auth';
import type { Principal } from '../../http/locals';
import { checkUpstreamUrl } from '../../upstream/check-upstream-url';
import { officialApiUrls } from '../../upstream/detect-credential-mode';
import type { AdminContext } from '../admin-context';
import { publishConfigChange } from '../publish-config-change';
import { createNotFoundError, resolveListScope, resolveRecordScope } from '../resolve-scope';
import { emptyBodySchema, emptyQuerySchema, listQuerySchema } from '../schemas/common-schemas';
import {
  createCredentialBodySchema,
  updateCredentialBodySchema,
} from '../schemas/credential-schemas';
import { serializeCredential, serializePage } from '../serialize-entities';
import { readBody, readQuery } from '../validate-input';
import { listUpstreamModels } from './list-upstream-models';
import { probeCredential } from './probe-credential';

export function createCredentialRouter(context: AdminContext): Router {
  const { store, secretBox, settings, events } = context;
  const router = Router();
  router.use(context.authenticate);

  async function enforceUrlPolicy(url: string, principal: Principal): Promise<void> {
    const problem = await checkUpstreamUrl(url, {
      allowPrivate: settings.allowPrivateUpstreams || principal.isSuperuser,
      ...(context.resolveHost ? { resolveHost: context.resolveHost } : {}),
    });
    if (problem) {
      throw new GatewayError({
        code: 'request.invalid',
        status: 400,
        message: problem,
        details: [{ path: 'api_url', message: problem }],
      });
    }
  }

  async function findCredential(principal: Principal, id: string): Promise<Credential> {
    const credential = await store.credentials.findById(resolveRecordScope(principal), id);
    if (!credential) throw createNotFoundError('Credential');
    return credential;
  }

  const announce = (credential: Credential, action: 'created' | 'updated' | 'deleted') =>
    publishConfigChange(events, {
      entity: 'credential',
      entityId: credential.id,
      userId: credential.userId,
      action,
    });

  router.get('/', async function listCredentials(request, response) {
    const principal = requirePrincipal(response);
    const query = readQuery(listQuerySchema, request.query);
    const page = await store.credentials.list(resolveListScope(principal, query.all), query);
    response.json(serializePage(page, serializeCredential));
  });

  router.post('/', async function createCredential(request, response) {
    const principal = requirePrincipal(response);
    readQuery(emptyQuerySchema, request.query);
    const body = readBody(createCredentialBodySchema, request.body);
    const apiUrl = body.api_url ?? officialApiUrls[body.provider];
    await enforceUrlPolicy(apiUrl, principal);
    const credential = await store.credentials.create({
      userId: principal.userId,
      name: body.name,
      provider: body.provider,
      apiUrl,
      apiKeyEncrypted: secretBox.encrypt(body.api_key),
      apiKeyMasked: maskSecret(body.api_key),
      validationModel: body.validation_model ?? null,
      injectSystemPrompt: body.inject_system_prompt ?? true,
      cliVersion: body.cli_version ?? null,
    });
    announce(credential, 'created');
    response.status(201).json(serializeCredential(credential));
  });

  router.get('/:id', async function getCredential(request, response) {
    const principal = requirePrincipal(response);
    readQuery(emptyQuerySchema, request.query);
    response.json(serializeCredential(await findCredential(principal, request.params.id)));
  });

  router.put('/:id', async function updateCredential(request, response) {
    const principal = requirePrincipal(response);
    readQuery(emptyQuerySchema, request.query);
    const body = readBody(updateCredentialBodySchema, request.body);
    const existing = await findCredential(principal, request.params.id);
    if (body.api_url !== undefined) await enforceUrlPolicy(body.api_url, principal);
    const resetsValidation =
      body.api_key !== undefined ||
      (body.api_url !== undefined && body.api_url !== existing.apiUrl);
    const updated = await store.credentials.update(resolveRecordScope(principal), existing.id, {
      name: body.name,
      apiUrl: body.api_url,
      ...(body.api_key === undefined
        ? {}
        : {
            apiKeyEncrypted: secretBox.encrypt(body.api_key),
            apiKeyMasked: maskSecret(body.api_key),
          }),
      isActive: body.is_active,
      validationModel: body.validation_model,
      injectSystemPrompt: body.inject_system_prompt,
      cliVersion: body.cli_version,
      ...(resetsValidation ? { isValidated: false, validationError: null, validatedAt: null } : {}),
    });
    if (!updated) throw createNotFoundError('Credential');
    announce(updated, 'updated');
    response.json(serializeCredential(updated));
  });

  router.delete('/:id', async function deleteCredential(request, response) {
    const principal = requirePrincipal(response);
    readQuery(emptyQuerySchema, request.query);
    const existing = await findCredential(principal, request.params.id);
    if (!(await store.credentials.delete(resolveRecordScope(principal), existing.id))) {
      throw createNotFoundError('Credential');
    }
    announce(existing, 'deleted');
    response.status(204).end();
  });

  router.post('/:id/validate', async function validateCredential(request, response) {
    const principal = requirePrincipal(response);
    readQuery(emptyQuerySchema, request.query);
    readBody(emptyBodySchema, request.body);
    const credential = await findCredential(principal, request.params.id);
    const outcome = await probeCredential({
      credential,
      apiKey: secretBox.decrypt(credential.apiKeyEncrypted),
      cliVersionDefault: settings.claudeCliVersion,
      timeoutMs: settings.upstreamTimeoutMs,
      dispatcher: context.upstreamDispatcher,
    });
    const updated = await store.credentials.update(resolveRecordScope(principal), credential.id, {
      isValidated: outcome.ok,
      validationError: outcome.ok ? null : outcome.error,
      validatedAt: new Date(),
    });
    if (!updated) throw createNotFoundError('Credential');
    response.json(serializeCredential(updated));
  });

  router.get('/:id/upstream-models', async function listModelsOfUpstream(request, response) {
    const principal = requirePrincipal(response);
    readQuery(emptyQuerySchema, request.query);
    const credential = await findCredential(principal, request.params.id);
    const items = await listUpstreamModels({
      credential,
      apiKey: secretBox.decrypt(credential.apiKeyEncrypted),
      cliVersionDefault: settings.claudeCliVersion,
      timeoutMs: settings.upstreamTimeoutMs,
      dispatcher: context.upstreamDispatcher,
    });
    response.json({ items, next_cursor: null });
  });

  return router;
}
