/**
 * @module convert/openai-to-anthropic/read-openai-chunk
 * One upstream SSE frame → a checked OpenAI stream item (CONVERSION.md §4.3): `[DONE]`, an error
 * (`data: {"error":…}` or `event: error`, §4.3), or a chunk with its `choices[0]`. Hand-written
 * narrowing (this runs per upstream chunk); the parsed JSON is used in place. Choices with
 * `index > 0` are ignored (§4.5 step 12). A chunk that is not JSON, or whose fields have the wrong
 * types, is `invalid`.
 */
import type { OpenAIChatChunkDelta } from '../../openai/chat-chunk';
import { scanJsonString } from '../scan-json-string';
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

/** A content or reasoning chunk read without `JSON.parse` (see `../scan-json-string`). */
export interface FastOpenAIText {
  readonly kind: 'text' | 'thinking';
  /** The JSON string literal, quotes included, exactly as the upstream wrote it. */
  readonly literal: string;
  readonly length: number;
}

const choicesKey = '"choices":[';
const fastTextHeads = [
  ['"choices":[{"index":0,"delta":{"content":', 'text'],
  ['"choices":[{"index":0,"delta":{"reasoning_content":', 'thinking'],
] as const;
const fastChoiceTails = [
  '},"logprobs":null,"finish_reason":null}]',
  '},"finish_reason":null}]',
  '},"finish_reason":null,"logprobs":null}]',
];

/**
 * Recognises the common chunk that carries only a text (or reasoning) fragment of choice 0 —
 * OpenAI's own key order, `finish_reason: null`, no other choice, no `usage` object, no `error` —
 * and returns its literal; anything else returns undefined for the full parse.
 *
 * Exactness: before `choices` only scalar fields may come (the first `{` after the opening one must
 * be the choice's), so a `usage` or `error` object there falls back; the text after the choice is
 * searched for them. A string value cannot fake these keys: inside a JSON string every `"` is
 * escaped, so `"usage":{` never occurs there. (A string-valued `error` beside a content choice is
 * not an error shape any server sends; it is read as content.)
 */
export function readOpenAITextFast(data: string): FastOpenAIText | undefined {
  if (data.charCodeAt(0) !== 123) return undefined;
  for (const [head, kind] of fastTextHeads) {
    const headAt = data.indexOf(head);
    if (headAt === -1) continue;
    const choiceAt = headAt + choicesKey.length;
    if (data.indexOf('{', 1) !== choiceAt) return undefined;
    const literalStart = headAt + head.length;
    const literal = scanJsonString(data, literalStart);
    if (literal === undefined) return undefined;
    const restStart = matchFastChoiceTail(data, literal.end);
    if (
      restStart === -1 ||
      data.indexOf('"usage":{', restStart) !== -1 ||
      data.indexOf('"error"', restStart) !== -1
    ) {
      return undefined;
    }
    return { kind, literal: data.slice(literalStart, literal.end), length: literal.length };
  }
  return undefined;
}

/** The index after the choice's closing text, or -1 when it is not one the fast path knows. */
function matchFastChoiceTail(data: string, position: number): number {
  for (const tail of fastChoiceTails)
    if (data.startsWith(tail, position)) return position + tail.length;
  return -1;
}
