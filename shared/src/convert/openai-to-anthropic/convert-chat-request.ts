/**
 * @module convert/openai-to-anthropic/convert-chat-request
 * OpenAI Chat Completions request → Anthropic Messages request (CONVERSION.md §1, Direction A).
 * Pure: the proxy resolves the alias (`context.upstreamModel`) and looks up cached thinking
 * blocks (`context.thinkingBlocksByToolCallId`, §10.2) before calling it.
 *
 * @example
 * const { request, notes, hints } = convertChatRequestToMessagesRequest(body, {
 *   now: Date.now, generateId, upstreamModel: 'claude-sonnet-4-5', options: { defaultMaxTokens: 4096 },
 * });
 */
import type { AnthropicTextBlock } from '../../anthropic/content-blocks';
import type {
  AnthropicMessagesRequest,
  AnthropicToolChoice,
} from '../../anthropic/messages-request';
import type { OpenAIChatRequest } from '../../openai/chat-request';
import { type ClaudeModelCapabilities, lookupClaudeCapabilities } from '../capabilities';
import { createInvalidRequestError } from '../conversion-errors';
import { createNoteCollector } from '../conversion-notes';
import { selectOpaqueUserId } from '../convert-user-id';
import type { ConversionContext, ConvertedRequest, ResponseHints } from '../types';
import { applyCacheBreakpoints } from './apply-cache-breakpoints';
import type { ChatConversionState } from './chat-conversion-state';
import { checkUnsupportedParameters } from './check-unsupported-parameters';
import type { ThinkingBlocksByToolCallId } from './convert-assistant-message';
import { settleTrailingAssistant } from './convert-prefill';
import { convertResponseFormat, JSON_TOOL_NAME } from './convert-response-format';
import { convertSystemMessages } from './convert-system-messages';
import { convertReasoningEffort, convertSampling } from './convert-thinking';
import { convertTools } from './convert-tools';
import { sequenceMessages } from './sequence-messages';

export interface ChatRequestConversionContext extends ConversionContext {
  /** The Anthropic model the proxy calls (alias resolved): output `model` and capability lookups. Default: `request.model`. */
  readonly upstreamModel?: string;
  /** Capabilities to use instead of the static table (e.g. refreshed from `GET /v1/models`). */
  readonly capabilities?: ClaudeModelCapabilities;
  /** §10.2: signed thinking blocks from the gateway cache, by tool-call id (see `listAssistantToolCallIds`). */
  readonly thinkingBlocksByToolCallId?: ThinkingBlocksByToolCallId;
}

const DEFAULT_MAX_TOKENS = 4096;
const ANTHROPIC_USER_ID_MAX_LENGTH = 256;

export function convertChatRequestToMessagesRequest(
  request: OpenAIChatRequest,
  context: ChatRequestConversionContext,
): ConvertedRequest<AnthropicMessagesRequest> {
  const model = context.upstreamModel ?? request.model;
  const options = context.options ?? {};
  const state: ChatConversionState = {
    notes: createNoteCollector(options.strict === true),
    options,
    capabilities: context.capabilities ?? lookupClaudeCapabilities(model),
  };
  checkUnsupportedParameters(request, state);
  const limit = resolveMaxTokens(request, state);
  const system = convertSystemMessages(request.messages);
  const sequenced = sequenceMessages(request.messages, state, context.thinkingBlocksByToolCallId);
  const { messages } = sequenced;
  const hasPrefill = settleTrailingAssistant(messages, sequenced.sourceIndexes.at(-1), state);
  if (messages.length === 0)
    throw createInvalidRequestError('messages', 'at least one message with content is required');

  const converted = convertTools(request, state, sequenced.historyToolNames);
  const hasCallerTools = (request.tools?.length ?? 0) + (request.functions?.length ?? 0) > 0;
  const format = convertResponseFormat(request.response_format, hasCallerTools, state);
  const isToolForced =
    converted.toolChoice?.type === 'any' || converted.toolChoice?.type === 'tool';
  const decision = convertReasoningEffort(
    request.reasoning_effort,
    {
      maxTokens: limit.value,
      isMaxTokensDefaulted: limit.isDefaulted,
      isToolForced,
      hasPrefill,
      lacksReplayedThinking: lacksReplayedThinking(messages),
    },
    state,
  );
  const { maxTokens } = decision;
  if (limit.isDefaulted) {
    state.notes.add(
      'defaulted',
      'max_tokens',
      `max_tokens ${maxTokens} was supplied (Anthropic requires it)`,
    );
  }
  const isThinkingOn =
    decision.thinking?.type === 'enabled' || decision.thinking?.type === 'adaptive';
  let { tools, toolChoice } = converted;
  if (format.jsonTool) {
    tools = [...(tools ?? []), format.jsonTool];
    toolChoice = isThinkingOn
      ? { type: 'auto' }
      : ({ type: 'tool', name: JSON_TOOL_NAME } satisfies AnthropicToolChoice);
  }
  if (format.systemInstruction) system.push({ type: 'text', text: format.systemInstruction });
  const sampling = convertSampling(request.temperature, request.top_p, isThinkingOn, state);

  // Key order of the upstream body: model, max_tokens, system, messages, tools, … (readable logs).
  const result: AnthropicMessagesRequest =
    system.length > 0
      ? { model, max_tokens: maxTokens, system: system satisfies AnthropicTextBlock[], messages }
      : { model, max_tokens: maxTokens, messages };
  if (tools) result.tools = tools;
  if (toolChoice) result.tool_choice = toolChoice;
  if (decision.thinking) result.thinking = decision.thinking;
  if (decision.effort || format.outputFormat) {
    result.output_config = {};
    if (decision.effort) result.output_config.effort = decision.effort;
    if (format.outputFormat) result.output_config.format = format.outputFormat;
  }
  const userId = convertUserId(request, state);
  if (userId !== undefined) result.metadata = { user_id: userId };
  const stopSequences = convertStop(request.stop, state);
  if (stopSequences.length > 0) result.stop_sequences = stopSequences;
  if (sampling.temperature !== undefined) result.temperature = sampling.temperature;
  if (sampling.topP !== undefined) result.top_p = sampling.topP;
  if (request.stream === true) result.stream = true;
  applyCacheBreakpoints(result, state);

  const hints: ResponseHints = {
    clientModel: request.model,
    stream: request.stream === true,
    ...(request.stream === true && request.stream_options?.include_usage === true
      ? { includeUsage: true }
      : {}),
    ...(format.jsonTool ? { jsonToolName: JSON_TOOL_NAME } : {}),
  };
  return { request: result, notes: state.notes.notes, hints };
}

/** §1.8: `max_completion_tokens ?? max_tokens ?? default`, never above the model's ceiling. */
function resolveMaxTokens(
  request: OpenAIChatRequest,
  state: ChatConversionState,
): { readonly value: number; readonly isDefaulted: boolean } {
  const ceiling = state.capabilities.maxOutputTokens;
  const path = request.max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens';
  const requested = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  if (requested === undefined) {
    const fallback = state.options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS;
    return {
      value: ceiling === undefined ? fallback : Math.min(fallback, ceiling),
      isDefaulted: true,
    };
  }
  if (!Number.isInteger(requested) || requested < 1) {
    throw createInvalidRequestError(path, 'must be a positive integer');
  }
  if (ceiling !== undefined && requested > ceiling) {
    state.notes.clamp(
      path,
      `${requested} is above this model's maximum of ${ceiling} output tokens`,
    );
    return { value: ceiling, isDefaulted: false };
  }
  return { value: requested, isDefaulted: false };
}

/** The last assistant turn has tool calls but does not open with signed thinking (§1.10). */
function lacksReplayedThinking(messages: AnthropicMessagesRequest['messages']): boolean {
  const last = messages.findLast((message) => message.role === 'assistant');
  if (last === undefined || typeof last.content === 'string') return false;
  const first = last.content[0];
  const opensWithThinking = first?.type === 'thinking' || first?.type === 'redacted_thinking';
  return !opensWithThinking && last.content.some((block) => block.type === 'tool_use');
}

/** `stop` → `stop_sequences`; whitespace-only sequences are dropped (Anthropic ignores them). */
function convertStop(stop: OpenAIChatRequest['stop'], state: ChatConversionState): string[] {
  if (stop === undefined || stop === null) return [];
  const sequences = typeof stop === 'string' ? [stop] : stop;
  const kept = sequences.filter((sequence) => sequence.trim().length > 0);
  if (kept.length < sequences.length)
    state.notes.drop('stop', 'whitespace-only stop sequences are not supported by Anthropic');
  return kept;
}

/** `safety_identifier`, else `user` → `metadata.user_id`, hashed when it looks like personal data. */
function convertUserId(request: OpenAIChatRequest, state: ChatConversionState): string | undefined {
  const path = request.safety_identifier ? 'safety_identifier' : 'user';
  const raw = request.safety_identifier || request.user;
  if (!raw) return undefined;
  const { id, isHashed } = selectOpaqueUserId(raw, ANTHROPIC_USER_ID_MAX_LENGTH);
  if (isHashed)
    state.notes.add(
      'approximated',
      path,
      'the end-user id was sent as its SHA-256 (it looks like personal data or is too long)',
    );
  return id;
}
