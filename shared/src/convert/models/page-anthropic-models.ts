/**
 * @module convert/models/page-anthropic-models
 * Anthropic-style paging over a full model list (CONVERSION.md §6.1): `limit` (default 20, at most
 * 1000), `after_id`, `before_id`; `has_more`, `first_id`, `last_id`. The list is assumed sorted
 * most recent first, as Anthropic serves it.
 */
import type { AnthropicModelInfo, AnthropicModelList } from '../../anthropic/models';
import { GatewayError } from '../../errors/gateway-error';

/** The caller's query parameters (strings as they come from the URL, or numbers). */
export interface ModelListQuery {
  readonly limit?: number | string;
  readonly after_id?: string;
  readonly before_id?: string;
}

export const DEFAULT_MODEL_PAGE_SIZE = 20;
export const MAX_MODEL_PAGE_SIZE = 1000;

/**
 * One page. `after_id` gives the models after that id; `before_id` the `limit` models just before
 * it; `has_more` says whether more exist beyond the page in the paging direction. An id that is
 * not in the list gives an empty page. A `limit` above 1000 is clamped; one that is not a positive
 * integer is a 400 naming `limit`.
 */
export function pageAnthropicModels(
  models: readonly AnthropicModelInfo[],
  query: ModelListQuery = {},
): AnthropicModelList {
  const limit = readLimit(query.limit);
  let start = 0;
  let end = models.length;
  if (query.after_id !== undefined) {
    const position = models.findIndex((model) => model.id === query.after_id);
    start = position === -1 ? models.length : position + 1;
  }
  if (query.before_id !== undefined) {
    const position = models.findIndex((model) => model.id === query.before_id);
    end = position === -1 ? 0 : position;
  }
  let pageStart = start;
  let pageEnd = Math.min(end, start + limit);
  let hasMore = end > pageEnd;
  if (query.before_id !== undefined && query.after_id === undefined) {
    pageStart = Math.max(start, end - limit);
    pageEnd = end;
    hasMore = pageStart > start;
  }
  const data = pageStart < pageEnd ? models.slice(pageStart, pageEnd) : [];
  return {
    data,
    has_more: hasMore,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
  };
}

function readLimit(limit: number | string | undefined): number {
  if (limit === undefined || limit === '') return DEFAULT_MODEL_PAGE_SIZE;
  const value = typeof limit === 'number' ? limit : Number(limit);
  if (!Number.isInteger(value) || value < 1) {
    throw new GatewayError({
      code: 'request.invalid',
      status: 400,
      param: 'limit',
      message: `limit: must be an integer from 1 to ${MAX_MODEL_PAGE_SIZE}.`,
    });
  }
  return Math.min(value, MAX_MODEL_PAGE_SIZE);
}
