/**
 * @module convert/openai-to-anthropic/check-unsupported-parameters
 * OpenAI parameters without an Anthropic twin (CONVERSION.md §1.11 as decided in §10.1):
 * parameters whose absence does not change what the answer says are dropped and reported
 * (strict mode: 400); a request for several answers or for audio output is refused.
 */
import { OPENAI_DROPPED_PARAMETERS, type OpenAIChatRequest } from '../../openai/chat-request';
import { createUnsupportedError } from '../conversion-errors';
import type { ChatConversionState } from './chat-conversion-state';

export function checkUnsupportedParameters(
  request: OpenAIChatRequest,
  state: ChatConversionState,
): void {
  if (request.n !== undefined && request.n !== null && request.n !== 1) {
    throw createUnsupportedError('n', 'Anthropic models return exactly one choice; n must be 1');
  }
  if (
    request.modalities?.includes('audio') ||
    (request.audio !== undefined && request.audio !== null)
  ) {
    throw createUnsupportedError(
      request.audio ? 'audio' : 'modalities',
      'audio output is not supported by Anthropic models',
    );
  }
  for (const name of OPENAI_DROPPED_PARAMETERS) {
    const value = request[name];
    if (value !== undefined && value !== null && value !== false) {
      state.notes.drop(name, `${name} has no Anthropic equivalent`);
    }
  }
  if (request.logprobs === true)
    state.notes.drop('logprobs', 'Anthropic returns no log probabilities (logprobs will be null)');
  if (typeof request.top_logprobs === 'number' && request.top_logprobs > 0) {
    state.notes.drop('top_logprobs', 'Anthropic returns no log probabilities');
  }
}
