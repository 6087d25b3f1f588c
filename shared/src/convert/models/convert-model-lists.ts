/**
 * @module convert/models/convert-model-lists
 * `GET /v1/models` between dialects (CONVERSION.md §6.1), for the upstream's list and for the
 * gateway's own model configs.
 *
 * - A→O: `id` → `id`, `object:"model"`, `created = epoch(created_at)` in Unix seconds,
 *   `owned_by:"anthropic"`; every page the proxy fetched is merged.
 * - O→A: `type:"model"`, `id`, `display_name = id`, `created_at = RFC 3339(created)`, capability
 *   fields from the gateway's table (the `describe` callback) or null; most recent first; paged
 *   with `limit`/`after_id`/`before_id`.
 */
import { z } from 'zod';
import type { AnthropicModelInfo, AnthropicModelList } from '../../anthropic/models';
import type { OpenAIModel, OpenAIModelList } from '../../openai/models';
import { parseUpstreamBody } from '../parse-upstream-body';
import { pageAnthropicModels, type ModelListQuery } from './page-anthropic-models';

const anthropicModelListSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string(),
      created_at: z.string(),
      display_name: z.string().optional(),
    }),
  ),
});

const openAIModelListSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string(),
      created: z.number().nullish(),
      owned_by: z.string().nullish(),
    }),
  ),
});

/** Capability fields the gateway knows for a model id (from its capability table). */
export type DescribeModel = (
  id: string,
) => Partial<
  Pick<AnthropicModelInfo, 'display_name' | 'max_input_tokens' | 'max_tokens' | 'capabilities'>
>;

/** A model the gateway itself offers (a model config's alias). */
export interface GatewayModelEntry {
  readonly id: string;
  /** When it was created: a Date or milliseconds since the epoch. */
  readonly createdAt: Date | number;
  /** OpenAI `owned_by`; default `llmformbridge`. */
  readonly ownedBy?: string;
  readonly displayName?: string;
  readonly maxInputTokens?: number | null;
  readonly maxTokens?: number | null;
  readonly capabilities?: Record<string, unknown> | null;
}

/** Unix seconds of an RFC 3339 time (0 when it does not parse). */
function parseUnixSeconds(time: string): number {
  const milliseconds = Date.parse(time);
  return Number.isNaN(milliseconds) ? 0 : Math.floor(milliseconds / 1000);
}

/** RFC 3339 in UTC without fractional seconds, as Anthropic writes it. */
function formatRfc3339(milliseconds: number): string {
  return new Date(milliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One or several Anthropic list pages (as fetched) → one OpenAI list. */
export function convertAnthropicModelListToOpenAI(pages: unknown): OpenAIModelList {
  const bodies = Array.isArray(pages) ? pages : [pages];
  const data: OpenAIModel[] = [];
  for (const body of bodies) {
    for (const model of parseUpstreamBody(anthropicModelListSchema, body, 'Anthropic model list')
      .data) {
      data.push({
        id: model.id,
        object: 'model',
        created: parseUnixSeconds(model.created_at),
        owned_by: 'anthropic',
      });
    }
  }
  return { object: 'list', data };
}

/** An OpenAI list → one Anthropic page, most recent first. */
export function convertOpenAIModelListToAnthropic(
  body: unknown,
  query: ModelListQuery = {},
  describe?: DescribeModel,
): AnthropicModelList {
  const models = parseUpstreamBody(openAIModelListSchema, body, 'OpenAI model list').data.map(
    (model) =>
      buildAnthropicModelInfo({ id: model.id, createdAt: (model.created ?? 0) * 1000 }, describe),
  );
  return pageAnthropicModels(sortMostRecentFirst(models), query);
}

/** The gateway's own models in OpenAI shape. */
export function buildOpenAIModelList(entries: readonly GatewayModelEntry[]): OpenAIModelList {
  return {
    object: 'list',
    data: entries.map((entry) => ({
      id: entry.id,
      object: 'model',
      created: Math.floor(Number(entry.createdAt) / 1000),
      owned_by: entry.ownedBy ?? 'llmformbridge',
    })),
  };
}

/** The gateway's own models in Anthropic shape, most recent first, paged. */
export function buildAnthropicModelList(
  entries: readonly GatewayModelEntry[],
  query: ModelListQuery = {},
  describe?: DescribeModel,
): AnthropicModelList {
  return pageAnthropicModels(
    sortMostRecentFirst(entries.map((entry) => buildAnthropicModelInfo(entry, describe))),
    query,
  );
}

function buildAnthropicModelInfo(
  entry: GatewayModelEntry,
  describe?: DescribeModel,
): AnthropicModelInfo {
  const described = describe?.(entry.id) ?? {};
  return {
    type: 'model',
    id: entry.id,
    display_name: entry.displayName ?? described.display_name ?? entry.id,
    created_at: formatRfc3339(Number(entry.createdAt)),
    max_input_tokens: entry.maxInputTokens ?? described.max_input_tokens ?? null,
    max_tokens: entry.maxTokens ?? described.max_tokens ?? null,
    capabilities: entry.capabilities ?? described.capabilities ?? null,
  };
}

/** Stable: models created at the same second keep their order. */
function sortMostRecentFirst(models: AnthropicModelInfo[]): AnthropicModelInfo[] {
  return models
    .map((model, position) => ({ model, position, time: Date.parse(model.created_at) }))
    .sort((a, b) => b.time - a.time || a.position - b.position)
    .map(({ model }) => model);
}
