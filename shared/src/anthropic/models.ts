/**
 * @module anthropic/models
 * `GET /v1/models` in Anthropic shape (`ModelInfo`, `ModelInfosPage` of `@anthropic-ai/sdk`
 * `resources/models.ts`; CONVERSION.md §6.1): most recent first, paged by `limit`, `after_id`,
 * `before_id`.
 */
export interface AnthropicModelInfo {
  type: 'model';
  id: string;
  display_name: string;
  /** RFC 3339. */
  created_at: string;
  max_input_tokens?: number | null;
  max_tokens?: number | null;
  /** The capability object of the newer API (thinking types, effort, …), passed through. */
  capabilities?: Record<string, unknown> | null;
}

export interface AnthropicModelList {
  data: AnthropicModelInfo[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}
