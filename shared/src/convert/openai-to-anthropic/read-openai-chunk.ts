/**
 * @module convert/openai-to-anthropic/read-openai-chunk
 * One upstream SSE frame → a checked OpenAI stream item (CONVERSION.md §4.3): `[DONE]`, an error
 * (`data: {"error":…}` or `event: error`, §4.3), or a chunk with its `choices[0]`. Hand-written
 * narrowing (this runs per upstream chunk); the parsed JSON is used in place. Choices with
 * `index > 0` are ignored (§4.5 step 12). A chunk that is not JSON, or whose fields have the wrong
 * types, is `invalid`.
 */
import type { OpenAIChatChunkDelta } from '../../openai/chat-chunk';
import type { SseEvent } from '../types';
import type { OpenAIUsageCounts } from './usage';

/** A tool-call fragment as compatible servers send it (`arguments` may be an object). */
export interface ToolCallFragment {
  readonly index?: number;
  readonly id?: string | null;
  readonly function?: {
    readonly name?: string | null;
    readonly arguments?: string | Record<string, unknown> | null;
  } | null;
}

export interface ChunkChoice {
  readonly delta: Omit<OpenAIChatChunkDelta, 'tool_calls'> & {
    readonly tool_calls?: readonly ToolCallFragment[] | null;
  };
  readonly finish_reason?: string | null;
}

export type ReadOpenAIChunk =
  | { readonly kind: 'done' }
  | {
      readonly kind: 'error';
      readonly type?: string;
      readonly code?: string;
      readonly message: string;
    }
  | {
      readonly kind: 'chunk';
      readonly id: string | undefined;
      readonly created: number | undefined;
      readonly model: string | undefined;
      readonly choice: ChunkChoice | undefined;
      readonly usage: OpenAIUsageCounts | undefined;
    }
  | { readonly kind: 'invalid'; readonly reason: string };

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null;
}

const doneItem: ReadOpenAIChunk = Object.freeze({ kind: 'done' });

/** Parses and checks one frame of an OpenAI stream. */
export function readOpenAIChunk(frame: SseEvent): ReadOpenAIChunk {
  if (frame.data === '[DONE]') return doneItem;
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame.data);
  } catch {
    return { kind: 'invalid', reason: 'chunk data is not JSON' };
  }
  if (!isObject(parsed)) return { kind: 'invalid', reason: 'chunk data is not a JSON object' };
  if (parsed.error != null || frame.event === 'error') return readError(parsed);
  const usage = parsed.usage;
  if (usage != null && !isUsage(usage)) return { kind: 'invalid', reason: 'usage is malformed' };
  const choices = parsed.choices;
  if (choices != null && !Array.isArray(choices)) {
    return { kind: 'invalid', reason: 'choices is not an array' };
  }
  let choice: ChunkChoice | undefined;
  for (const candidate of choices ?? []) {
    if (isObject(candidate) && (candidate.index ?? 0) === 0) {
      const problem = checkChoice(candidate);
      if (problem !== undefined) return { kind: 'invalid', reason: problem };
      choice = candidate as unknown as ChunkChoice;
      break;
    }
  }
  return {
    kind: 'chunk',
    id: typeof parsed.id === 'string' && parsed.id !== '' ? parsed.id : undefined,
    created: typeof parsed.created === 'number' ? parsed.created : undefined,
    model: typeof parsed.model === 'string' ? parsed.model : undefined,
    choice,
    usage: usage == null ? undefined : (usage as unknown as OpenAIUsageCounts),
  };
}

function readError(parsed: JsonObject): ReadOpenAIChunk {
  const error = isObject(parsed.error) ? parsed.error : parsed;
  const message =
    typeof error.message === 'string'
      ? error.message
      : typeof parsed.error === 'string'
        ? parsed.error
        : 'Upstream stream error.';
  return {
    kind: 'error',
    type: typeof error.type === 'string' ? error.type : undefined,
    code: typeof error.code === 'string' ? error.code : undefined,
    message,
  };
}

function isUsage(usage: unknown): boolean {
  return (
    isObject(usage) &&
    typeof usage.prompt_tokens === 'number' &&
    typeof usage.completion_tokens === 'number'
  );
}

/** Returns what is wrong with `choices[0]`, if anything; a missing delta is treated as empty. */
function checkChoice(choice: JsonObject): string | undefined {
  if (choice.delta == null) {
    choice.delta = {};
    return undefined;
  }
  const delta = choice.delta;
  if (!isObject(delta)) return 'delta is not an object';
  for (const field of ['content', 'reasoning_content', 'reasoning', 'refusal'] as const) {
    const value = delta[field];
    if (value != null && typeof value !== 'string') return `delta.${field} is not a string`;
  }
  const toolCalls = delta.tool_calls;
  if (toolCalls != null) {
    if (!Array.isArray(toolCalls)) return 'delta.tool_calls is not an array';
    for (const call of toolCalls) if (!isObject(call)) return 'a tool call is not an object';
  }
  return undefined;
}
