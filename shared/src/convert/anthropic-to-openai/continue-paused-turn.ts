/**
 * @module convert/anthropic-to-openai/continue-paused-turn
 * CONVERSION.md §3.3 / §10.3: an Anthropic answer with `stop_reason: "pause_turn"` is a
 * server-tool turn (web search, code execution) the API paused; the turn goes on when the paused
 * answer is sent back as the last assistant message of the same request. An OpenAI client has no
 * way to do that, so the proxy may do it for it (off by default): these are the pure halves —
 * the continuation request, and the one answer made of a paused turn and its continuation.
 */
import { isRecord } from '../../is-record';

type Json = Record<string, unknown>;

/** Whether an upstream Anthropic answer is a paused turn that can be continued. */
export function isPausedTurn(message: unknown): boolean {
  return (
    isRecord(message) && message.stop_reason === 'pause_turn' && Array.isArray(message.content)
  );
}

/**
 * `request` (the Messages body that was sent) with the turn so far appended as an assistant
 * message, as Anthropic asks for a paused turn to be continued. Consecutive assistant messages
 * (a prefill before it) are one turn to the API.
 */
export function buildTurnContinuation(request: Json, turnSoFar: Json): Json {
  const messages = Array.isArray(request.messages) ? request.messages : [];
  return {
    ...request,
    messages: [...messages, { role: 'assistant', content: turnSoFar.content }],
  };
}

/** Numbers add up, objects merge the same way, anything else takes the later value. */
function sumUsage(earlier: unknown, later: unknown): unknown {
  if (typeof earlier === 'number' && typeof later === 'number') return earlier + later;
  if (isRecord(earlier) && isRecord(later)) {
    const merged: Json = { ...earlier };
    for (const [key, value] of Object.entries(later)) merged[key] = sumUsage(earlier[key], value);
    return merged;
  }
  return later === undefined || later === null ? earlier : later;
}

/**
 * One answer from a paused turn and its continuation: the content of both in order, the
 * continuation's stop reason, and the usage of both calls added up (each was billed). Id and model
 * stay the first answer's.
 */
export function mergeContinuedTurn(paused: Json, continuation: unknown): Json {
  if (!isRecord(continuation) || !Array.isArray(continuation.content)) return paused;
  // The pause's own stop details say nothing about the continued turn.
  const { stop_details: _pauseDetails, ...first } = paused;
  return {
    ...first,
    content: [...(first.content as unknown[]), ...continuation.content],
    stop_reason: continuation.stop_reason ?? null,
    stop_sequence: continuation.stop_sequence ?? null,
    ...(continuation.stop_details !== undefined && { stop_details: continuation.stop_details }),
    ...(continuation.container !== undefined && { container: continuation.container }),
    usage: sumUsage(first.usage, continuation.usage),
  };
}
