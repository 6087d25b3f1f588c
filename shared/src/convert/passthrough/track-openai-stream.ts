/**
 * @module convert/passthrough/track-openai-stream
 * Same-format tracker for OpenAI streams (OpenAI caller, OpenAI upstream): every frame is returned
 * unchanged — the same object, never re-encoded — while usage, finish reason, errors and output
 * size are read for the proxy's log. At EOF it closes the stream the way the converters do: a
 * missing `[DONE]` after a `finish_reason` is supplied; any other early end gets an error chunk.
 */
import { DONE_FRAME, formatOpenAIErrorFrame } from '../anthropic-to-openai/openai-chunk-writer';
import { readOpenAIChunk, readOpenAITextFast } from '../openai-to-anthropic/read-openai-chunk';
import { summarizeOpenAIUsage } from '../openai-to-anthropic/usage';
import type { SseEvent, StreamConverter, StreamSummary, UsageSummary } from '../types';

const noFrames: readonly SseEvent[] = Object.freeze([]);

export function createOpenAIStreamTracker(): StreamConverter {
  let isDone = false;
  let finishReason: string | undefined;
  let usage: UsageSummary | undefined;
  let error: StreamSummary['error'];
  let hasContent = false;
  let outputCharacters = 0;

  function countText(text: string | null | undefined): void {
    if (!text) return;
    hasContent = true;
    outputCharacters += text.length;
  }

  function track(frame: SseEvent): void {
    if (frame.comment !== undefined) return;
    const fastText = readOpenAITextFast(frame.data);
    if (fastText !== undefined) {
      if (fastText.length > 0) {
        hasContent = true;
        outputCharacters += fastText.length;
      }
      return;
    }
    const item = readOpenAIChunk(frame);
    switch (item.kind) {
      case 'done':
        isDone = true;
        break;
      case 'error':
        error = { type: item.type ?? 'server_error', message: item.message };
        isDone = true;
        break;
      case 'chunk': {
        if (item.usage !== undefined) usage = summarizeOpenAIUsage(item.usage);
        const choice = item.choice;
        if (choice === undefined) break;
        const { delta } = choice;
        countText(delta.content);
        countText(delta.reasoning_content ?? delta.reasoning);
        countText(delta.refusal);
        for (const call of delta.tool_calls ?? []) {
          hasContent = true;
          const fragment = call.function?.arguments;
          countText(
            typeof fragment === 'string' || fragment == null ? fragment : JSON.stringify(fragment),
          );
        }
        if (choice.finish_reason != null) finishReason = choice.finish_reason;
        break;
      }
      case 'invalid':
        break;
    }
  }

  return {
    push(frame) {
      if (!isDone) track(frame);
      return [frame];
    },
    finish() {
      if (isDone) return noFrames;
      isDone = true;
      if (finishReason !== undefined) return [DONE_FRAME];
      error = { type: 'server_error', message: 'upstream stream ended unexpectedly' };
      return [formatOpenAIErrorFrame({ ...error, param: null, code: null })];
    },
    summary: () => ({
      usage,
      finishReason: error === undefined ? finishReason : undefined,
      error,
      hasContent,
      outputCharacters,
    }),
  };
}
