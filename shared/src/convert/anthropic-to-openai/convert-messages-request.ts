/**
 * @module convert/anthropic-to-openai/convert-messages-request
 * Anthropic Messages request → OpenAI Chat Completions request (CONVERSION.md §2, Direction B).
 * Pure: the proxy resolves the alias (`context.upstreamModel`) before calling it; the hints carry
 * the tool-name reverse map for the response conversion.
 *
 * @example
 * const { request, notes, hints } = convertMessagesRequestToChatRequest(body, {
 *   now: Date.now, generateId, upstreamModel: 'gpt-5', options: { upstreamIsOfficialOpenAI: true },
 * });
 */
import type { AnthropicMessagesRequest } from '../../anthropic/messages-request';
import type { OpenAIChatRequest, OpenAIResponseFormat } from '../../openai/chat-request';
import { lookupOpenAICapabilities, type OpenAIModelCapabilities } from '../capabilities';
import { createInvalidRequestError, createUnsupportedError } from '../conversion-errors';
import { createNoteCollector } from '../conversion-notes';
import { selectOpaqueUserId } from '../convert-user-id';
import { createToolNameMapper } from '../tool-names';
import type { ConversionContext, ConvertedRequest, ResponseHints } from '../types';
import { convertMessages } from './convert-messages';
import { convertThinking } from './convert-thinking';
import { convertTools } from './convert-tools';
import type { MessagesConversionState } from './messages-conversion-state';

export interface MessagesRequestConversionContext extends ConversionContext {
  /** The OpenAI model the proxy calls (alias resolved): output `model` and capability lookups. Default: `request.model`. */
  readonly upstreamModel?: string;
  /** Capabilities to use instead of the static table. */
  readonly capabilities?: OpenAIModelCapabilities;
}

const OPENAI_MAX_STOP_SEQUENCES = 4;
const OPENAI_USER_ID_MAX_LENGTH = 64;

/** Fields with no OpenAI twin whose loss does not change the answer (§2.1, §10.1). */
const DROPPED_FIELDS = [
  'service_tier',
  'container',
  'context_management',
  'inference_geo',
] as const;

export function convertMessagesRequestToChatRequest(
  request: AnthropicMessagesRequest,
  context: MessagesRequestConversionContext,
): ConvertedRequest<OpenAIChatRequest> {
  const model = context.upstreamModel ?? request.model;
  const options = context.options ?? {};
  const state: MessagesConversionState = {
    notes: createNoteCollector(options.strict === true),
    options,
    capabilities: context.capabilities ?? lookupOpenAICapabilities(model),
    toolNames: createToolNameMapper(),
  };
  if (request.mcp_servers !== undefined && request.mcp_servers.length > 0) {
    throw createUnsupportedError(
      'mcp_servers',
      'MCP servers are run by Anthropic; an OpenAI upstream cannot use them',
    );
  }
  if (!Number.isInteger(request.max_tokens) || request.max_tokens < 1) {
    throw createInvalidRequestError(
      'max_tokens',
      'must be a positive integer for an OpenAI upstream',
    );
  }
  const tools = convertTools(request.tools, request.tool_choice, state);
  const messages = convertMessages(request, state);
  const result: OpenAIChatRequest = { model, messages };
  result[options.upstreamMaxTokensField ?? 'max_completion_tokens'] = request.max_tokens;
  if (tools.tools) result.tools = tools.tools;
  if (tools.toolChoice !== undefined) result.tool_choice = tools.toolChoice;
  if (tools.parallelToolCalls === false) result.parallel_tool_calls = false;
  if (tools.webSearchOptions) result.web_search_options = tools.webSearchOptions;
  const reasoningEffort = convertThinking(request, state);
  if (reasoningEffort) result.reasoning_effort = reasoningEffort;
  const responseFormat = convertOutputFormat(request);
  if (responseFormat) result.response_format = responseFormat;
  convertSampling(request, result, state);
  const stop = convertStopSequences(request.stop_sequences, state);
  if (stop) result.stop = stop;
  convertUserId(request, result, state);
  for (const field of DROPPED_FIELDS) {
    if (request[field] !== undefined && request[field] !== null)
      state.notes.drop(field, `${field} has no OpenAI equivalent`);
  }
  if (request.stream === true) {
    result.stream = true;
    result.stream_options = { include_usage: true };
  }
  const toolNames = state.toolNames.reverseMap();
  const hints: ResponseHints = {
    clientModel: request.model,
    stream: request.stream === true,
    ...(toolNames ? { toolNames } : {}),
  };
  return { request: result, notes: state.notes.notes, hints };
}

/** `output_config.format` (or legacy `output_format`) → `response_format` json_schema (§2.1). */
function convertOutputFormat(request: AnthropicMessagesRequest): OpenAIResponseFormat | undefined {
  const format = request.output_config?.format ?? request.output_format ?? undefined;
  if (!format) return undefined;
  return {
    type: 'json_schema',
    json_schema: {
      name: 'response',
      schema: format.schema,
      strict: isStrictCompatible(format.schema),
    },
  };
}

/**
 * OpenAI strict mode needs `additionalProperties: false` and every property required on every
 * object; forcing that would change the schema's meaning, so such schemas go as `strict: false`.
 */
export function isStrictCompatible(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.every(isStrictCompatible);
  if (typeof schema !== 'object' || schema === null) return true;
  const node = schema as Record<string, unknown>;
  const properties = node.properties;
  const isObject =
    node.type === 'object' || (typeof properties === 'object' && properties !== null);
  if (isObject) {
    if (node.additionalProperties !== false) return false;
    const keys = Object.keys((properties as Record<string, unknown> | undefined) ?? {});
    const required = Array.isArray(node.required) ? node.required : [];
    if (!keys.every((key) => required.includes(key))) return false;
  }
  return Object.entries(node).every(
    ([key, value]) => key === 'enum' || key === 'const' || isStrictCompatible(value),
  );
}

/** §2.1: sampling passes unless the model rejects it; `top_k` has no OpenAI twin. */
function convertSampling(
  request: AnthropicMessagesRequest,
  result: OpenAIChatRequest,
  state: MessagesConversionState,
): void {
  for (const [field, value] of [
    ['temperature', request.temperature],
    ['top_p', request.top_p],
  ] as const) {
    if (value === undefined || value === null) continue;
    if (state.capabilities.samplingParameters) result[field] = value;
    // 1 is the default of both: leaving it out changes nothing, so it is not reported.
    else if (value !== 1)
      state.notes.drop(field, `the upstream reasoning model does not take ${field}`);
  }
  if (request.top_k !== undefined && request.top_k !== null)
    state.notes.drop('top_k', 'top_k has no OpenAI equivalent');
}

/** §2.1: at most 4 stop sequences (`stopSequencesOverflow: "truncate"` keeps the first 4). */
function convertStopSequences(
  sequences: readonly string[] | undefined,
  state: MessagesConversionState,
): string[] | undefined {
  if (sequences === undefined || sequences.length === 0) return undefined;
  if (sequences.length <= OPENAI_MAX_STOP_SEQUENCES) return [...sequences];
  if (state.options.stopSequencesOverflow !== 'truncate') {
    throw createUnsupportedError(
      'stop_sequences',
      `OpenAI accepts at most ${OPENAI_MAX_STOP_SEQUENCES} stop sequences, got ${sequences.length}`,
    );
  }
  state.notes.drop(
    'stop_sequences',
    `only the first ${OPENAI_MAX_STOP_SEQUENCES} stop sequences were sent`,
  );
  return sequences.slice(0, OPENAI_MAX_STOP_SEQUENCES);
}

/** `metadata.user_id` → `safety_identifier` (api.openai.com) or `user`, at most 64 characters. */
function convertUserId(
  request: AnthropicMessagesRequest,
  result: OpenAIChatRequest,
  state: MessagesConversionState,
): void {
  const raw = request.metadata?.user_id;
  if (!raw) return;
  const { id, isHashed } = selectOpaqueUserId(raw, OPENAI_USER_ID_MAX_LENGTH);
  if (isHashed)
    state.notes.add(
      'approximated',
      'metadata.user_id',
      'the end-user id was sent as its SHA-256 (too long or personal-looking)',
    );
  if (state.options.upstreamIsOfficialOpenAI) result.safety_identifier = id;
  else result.user = id;
}
