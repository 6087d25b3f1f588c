/**
 * @module logs-router
 * `GET /api/logs` (newest first, cursor-paged, filtered) and `GET /api/logs/{id}` (by log id or by
 * request id). Mount after the admin auth middleware: `app.use('/api/logs', authenticate, router)`.
 *
 * @example
 * app.use('/api/logs', admin.authenticate, createLogsRouter({ analyticsStore }));
 */
import { Router } from 'express';
import type { AnalyticsStore } from '@llmfb/shared';
import { createNotFoundError } from '../admin/resolve-scope';
import { emptyQuerySchema } from '../admin/schemas/common-schemas';
import { readQuery } from '../admin/validate-input';
import { requirePrincipal, resolveAnalyticsScope } from './analytics-access';
import { defaultLogLimit, logsQuerySchema, maxLogLimit } from './analytics-schemas';
import { encodeLogCursor } from './log-cursor';
import { serializeRequestLog } from './serialize-analytics';

export interface LogsRouterDeps {
  readonly analyticsStore: AnalyticsStore;
}

export function createLogsRouter(deps: LogsRouterDeps): Router {
  const router = Router();

  router.get('/', async function listLogs(request, response) {
    const principal = requirePrincipal(response);
    const query = readQuery(logsQuerySchema, request.query);
    const page = await deps.analyticsStore.listRequestLogs({
      scope: resolveAnalyticsScope(principal, query.all),
      limit: Math.min(query.limit ?? defaultLogLimit, maxLogLimit),
      cursor: query.cursor,
      modelConfigId: query.model_config_id,
      keyId: query.key_id,
      statusCode: query.status_code,
      sourceFormat: query.source_format,
      targetFormat: query.target_format,
      from: query.from,
      to: query.to,
    });
    response.json({
      items: page.items.map(serializeRequestLog),
      next_cursor: page.nextCursor ? encodeLogCursor(page.nextCursor) : null,
    });
  });

  router.get('/:id', async function readLog(request, response) {
    const principal = requirePrincipal(response);
    readQuery(emptyQuerySchema, request.query);
    const id = request.params.id;
    const record =
      id.length <= 256
        ? await deps.analyticsStore.findRequestLog(
            id,
            principal.isSuperuser ? 'all' : { userId: principal.userId },
          )
        : null;
    if (!record) throw createNotFoundError('Request log');
    response.json(serializeRequestLog(record));
  });

  return router;
}
