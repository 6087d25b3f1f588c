/**
 * @module openai/models
 * `GET /v1/models` in OpenAI shape (CONVERSION.md §6.1, openapi `ListModelsResponse`).
 */
export interface OpenAIModel {
  id: string;
  object: 'model';
  /** Unix seconds. */
  created: number;
  owned_by: string;
}

export interface OpenAIModelList {
  object: 'list';
  data: OpenAIModel[];
}
