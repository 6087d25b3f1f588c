/**
 * @module openai/error-body
 * The OpenAI error response body (openapi `ErrorResponse`, CONVERSION.md §5.1): all four keys are
 * always present. The same object is the payload of a mid-stream error chunk (`data: {"error":…}`).
 */
export interface OpenAIErrorObject {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

export interface OpenAIErrorBody {
  error: OpenAIErrorObject;
}
