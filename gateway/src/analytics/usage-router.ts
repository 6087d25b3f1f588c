/**
 * @module usage-router
 * `GET /api/usage?from=&to=&granularity=minute|hour|day&group_by=model|key|credential|user`:
 * series computed from the usage rollups (never from the logs). Defaults: the last 24 hours,
 * `hour`, `model` (keys are the client-facing aliases). `group_by=user` is for superusers only
 * (403). A range longer than `maxUsageBuckets` buckets of the granularity is a 400.
 *
 * @example
 * app.use('/api/usage', admin.authenticate, createUsageRouter({ analyticsStore }));
 */
import { Router } from 'express';
import {
  buildUsageSeries,
  countBuckets,
  floorToBucket,
  GatewayError,
  type AnalyticsStore,
} from '@llmfb/shared';
import { readQuery } from '../admin/validate-input';
import { requirePrincipal, resolveAnalyticsScope } from './analytics-access';
import { usageQuerySchema } from './analytics-schemas';
import { serializeUsage } from './serialize-analytics';

export const maxUsageBuckets = 2000;
const dayMs = 86_400_000;

export interface UsageRouterDeps {
  readonly analyticsStore: AnalyticsStore;
  /** Clock (tests). */
  readonly now?: () => number;
}

function invalid(path: string, message: string): GatewayError {
  return new GatewayError({
    code: 'request.invalid',
    status: 400,
    message: `Invalid query string: ${path}.`,
    details: [{ path, message }],
    param: path,
  });
}

export function createUsageRouter(deps: UsageRouterDeps): Router {
  const router = Router();
  const now = deps.now ?? Date.now;

  router.get('/', async function readUsage(request, response) {
    const principal = requirePrincipal(response);
    const query = readQuery(usageQuerySchema, request.query);
    if (query.group_by === 'user' && !principal.isSuperuser) {
      throw new GatewayError({
        code: 'auth.forbidden',
        status: 403,
        message: 'Only a superuser may group usage by user.',
        details: [{ path: 'group_by', message: 'Superusers only.' }],
      });
    }
    const toMs = query.to ? Date.parse(query.to) : now();
    const fromMs = query.from ? Date.parse(query.from) : toMs - dayMs;
    if (fromMs >= toMs) throw invalid('from', '`from` must be before `to` (default: now).');
    const range = { granularity: query.granularity, fromMs, toMs };
    const buckets = countBuckets(range);
    if (buckets > maxUsageBuckets) {
      throw invalid(
        'granularity',
        `The range holds ${buckets} ${query.granularity} buckets; at most ${maxUsageBuckets}. Use a coarser granularity or a shorter range.`,
      );
    }
    const rollups = await deps.analyticsStore.listUsageRollups({
      scope: resolveAnalyticsScope(principal, query.all),
      granularity: query.granularity,
      from: new Date(floorToBucket(fromMs, query.granularity)).toISOString(),
      to: new Date(toMs).toISOString(),
    });
    response.json(serializeUsage(buildUsageSeries(rollups, { ...range, groupBy: query.group_by })));
  });

  return router;
}
