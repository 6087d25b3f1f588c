/**
 * @module convert/aggregate/replay-as-stream
 * The aggregators' inverse: the event stream a streaming call would have carried, in the answer's
 * own dialect, for an upstream that answers a streaming call with one JSON body (some
 * OpenAI-compatible servers ignore `stream`). The proxy relays it through the same stream
 * converters as a real stream. Each block or message part comes whole, in one delta; folding the
 * frames with the matching aggregator gives the answer back.
 */
import type { AnthropicMessage } from '../../anthropic/message';
import type { OpenAIChatCompletion } from '../../openai/chat-completion';
import type { SseEvent } from '../types';

type Json = Record<string, unknown>;

function anthropicEvent(type: string, body: Json): SseEvent {
  return { event: type, data: JSON.stringify({ type, ...body }) };
}

/** A content block as `content_block_start` opens it, and the deltas that fill it. */
function replayBlock(block: Json): { start: Json; deltas: Json[] } {
  switch (block.type) {
    case 'text': {
      const citations = Array.isArray(block.citations) ? (block.citations as unknown[]) : [];
      return {
        start: { ...block, text: '', ...(Array.isArray(block.citations) ? { citations: [] } : {}) },
        deltas: [
          ...(block.text ? [{ type: 'text_delta', text: block.text }] : []),
          ...citations.map((citation) => ({ type: 'citations_delta', citation })),
        ],
      };
    }
    case 'thinking':
      return {
        start: { ...block, thinking: '', signature: '' },
        deltas: [
          ...(block.thinking ? [{ type: 'thinking_delta', thinking: block.thinking }] : []),
          ...(block.signature ? [{ type: 'signature_delta', signature: block.signature }] : []),
        ],
      };
    default:
      // Client and server tool calls stream their input as JSON text; other blocks come whole.
      if (block.input !== undefined && block.input !== null && typeof block.input === 'object') {
        return {
          start: { ...block, input: {} },
          deltas: [{ type: 'input_json_delta', partial_json: JSON.stringify(block.input) }],
        };
      }
      return { start: block, deltas: [] };
  }
}

/** The Anthropic event stream of `message` (message_start … message_stop). */
export function replayAnthropicMessage(message: AnthropicMessage): SseEvent[] {
  const { content, stop_reason, stop_sequence, stop_details, ...head } = message;
  const frames = [
    anthropicEvent('message_start', {
      message: { ...head, content: [], stop_reason: null, stop_sequence: null },
    }),
  ];
  (content as unknown as Json[]).forEach((block, index) => {
    const { start, deltas } = replayBlock(block);
    frames.push(anthropicEvent('content_block_start', { index, content_block: start }));
    for (const delta of deltas)
      frames.push(anthropicEvent('content_block_delta', { index, delta }));
    frames.push(anthropicEvent('content_block_stop', { index }));
  });
  frames.push(
    anthropicEvent('message_delta', {
      delta: {
        stop_reason,
        stop_sequence,
        ...(stop_details !== undefined ? { stop_details } : {}),
      },
      usage: message.usage,
    }),
    anthropicEvent('message_stop', {}),
  );
  return frames;
}

/** The Chat Completions chunk stream of `completion` (role chunk … `[DONE]`), every choice. */
export function replayChatCompletion(completion: OpenAIChatCompletion): SseEvent[] {
  const head: Json = {
    id: completion.id,
    object: 'chat.completion.chunk',
    created: completion.created,
    model: completion.model,
    ...(completion.system_fingerprint != null
      ? { system_fingerprint: completion.system_fingerprint }
      : {}),
    ...(completion.service_tier != null ? { service_tier: completion.service_tier } : {}),
  };
  const chunk = (index: number, delta: Json, finishReason: string | null = null): SseEvent => ({
    data: JSON.stringify({
      ...head,
      choices: [{ index, delta, logprobs: null, finish_reason: finishReason }],
    }),
  });
  const frames: SseEvent[] = [];
  for (const { index, message, finish_reason } of completion.choices) {
    frames.push(chunk(index, { role: 'assistant' }));
    if (message.reasoning_content) {
      frames.push(chunk(index, { reasoning_content: message.reasoning_content }));
    } else if (message.reasoning) {
      frames.push(chunk(index, { reasoning: message.reasoning }));
    }
    if (message.content) frames.push(chunk(index, { content: message.content }));
    if (message.annotations?.length) {
      frames.push(chunk(index, { annotations: message.annotations }));
    }
    if (message.refusal) frames.push(chunk(index, { refusal: message.refusal }));
    (message.tool_calls ?? []).forEach((call, callIndex) => {
      frames.push(chunk(index, { tool_calls: [{ index: callIndex, ...call }] }));
    });
    frames.push(chunk(index, {}, finish_reason));
  }
  if (completion.usage) {
    frames.push({ data: JSON.stringify({ ...head, choices: [], usage: completion.usage }) });
  }
  frames.push({ data: '[DONE]' });
  return frames;
}
