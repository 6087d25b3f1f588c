import { ProxyFormat } from '../shared/key-reveal/build-snippets';
import { JsonRecord, asRecord, parseJson, readNumber, readRecord, readString } from './json-fields';

/** What the playground knows about the answer so far. */
export interface AnswerState {
  readonly text: string;
  readonly reasoning: string;
  readonly inputTokens: number | null;
  readonly outputTokens: number | null;
  readonly finishReason: string | null;
  /** An error reported inside the answer (stream error event). */
  readonly error: string | null;
}

export const EMPTY_ANSWER: AnswerState = {
  text: '',
  reasoning: '',
  inputTokens: null,
  outputTokens: null,
  finishReason: null,
  error: null,
};

function readErrorText(record: JsonRecord | null): string | null {
  const error = readRecord(record, 'error');
  if (!error) return null;
  return readString(error, 'message') ?? readString(error, 'type') ?? JSON.stringify(error);
}

function applyOpenAIChunk(state: AnswerState, chunk: JsonRecord): AnswerState {
  const error = readErrorText(chunk);
  if (error) return { ...state, error };
  let next = state;
  const usage = readRecord(chunk, 'usage');
  if (usage) {
    next = {
      ...next,
      inputTokens: readNumber(usage, 'prompt_tokens') ?? next.inputTokens,
      outputTokens: readNumber(usage, 'completion_tokens') ?? next.outputTokens,
    };
  }
  const choices = chunk['choices'];
  const choice = Array.isArray(choices) ? asRecord(choices[0]) : null;
  const delta = readRecord(choice, 'delta');
  const text = readString(delta, 'content');
  const reasoning = readString(delta, 'reasoning_content');
  const finishReason = readString(choice, 'finish_reason');
  if (text) next = { ...next, text: next.text + text };
  if (reasoning) next = { ...next, reasoning: next.reasoning + reasoning };
  if (finishReason) next = { ...next, finishReason };
  return next;
}

function applyAnthropicEvent(state: AnswerState, event: JsonRecord): AnswerState {
  switch (readString(event, 'type')) {
    case 'message_start': {
      const usage = readRecord(readRecord(event, 'message'), 'usage');
      return {
        ...state,
        inputTokens: readNumber(usage, 'input_tokens') ?? state.inputTokens,
        outputTokens: readNumber(usage, 'output_tokens') ?? state.outputTokens,
      };
    }
    case 'content_block_delta': {
      const delta = readRecord(event, 'delta');
      const text = readString(delta, 'text');
      const thinking = readString(delta, 'thinking');
      if (text) return { ...state, text: state.text + text };
      if (thinking) return { ...state, reasoning: state.reasoning + thinking };
      return state;
    }
    case 'message_delta': {
      const usage = readRecord(event, 'usage');
      return {
        ...state,
        finishReason: readString(readRecord(event, 'delta'), 'stop_reason') ?? state.finishReason,
        inputTokens: readNumber(usage, 'input_tokens') ?? state.inputTokens,
        outputTokens: readNumber(usage, 'output_tokens') ?? state.outputTokens,
      };
    }
    case 'error':
      return { ...state, error: readErrorText(event) ?? 'error' };
    default:
      return state;
  }
}

/** Folds one SSE event into the answer; `[DONE]` and unknown events change nothing. */
export function applyStreamEvent(
  format: ProxyFormat,
  state: AnswerState,
  data: string,
): AnswerState {
  if (data === '[DONE]') return state;
  const record = asRecord(parseJson(data));
  if (!record) return state;
  return format === 'openai' ? applyOpenAIChunk(state, record) : applyAnthropicEvent(state, record);
}

/** Reads a non-streaming answer body. */
export function readCompleteAnswer(format: ProxyFormat, body: unknown): AnswerState {
  const record = asRecord(body);
  if (format === 'openai') {
    const choices = record?.['choices'];
    const choice = Array.isArray(choices) ? asRecord(choices[0]) : null;
    const message = readRecord(choice, 'message');
    const usage = readRecord(record, 'usage');
    return {
      text: readString(message, 'content') ?? '',
      reasoning: readString(message, 'reasoning_content') ?? '',
      inputTokens: readNumber(usage, 'prompt_tokens'),
      outputTokens: readNumber(usage, 'completion_tokens'),
      finishReason: readString(choice, 'finish_reason'),
      error: null,
    };
  }
  const blocks = Array.isArray(record?.['content']) ? (record['content'] as unknown[]) : [];
  let text = '';
  let reasoning = '';
  for (const block of blocks.map(asRecord)) {
    text += readString(block, 'text') ?? '';
    reasoning += readString(block, 'thinking') ?? '';
  }
  const usage = readRecord(record, 'usage');
  return {
    text,
    reasoning,
    inputTokens: readNumber(usage, 'input_tokens'),
    outputTokens: readNumber(usage, 'output_tokens'),
    finishReason: readString(record, 'stop_reason'),
    error: null,
  };
}

/** The message of an error answer in either format, or the raw text when it is not JSON. */
export function readErrorAnswer(text: string): string {
  const record = asRecord(parseJson(text));
  return readErrorText(record) ?? text.slice(0, 500);
}
