/**
 * @module convert/passthrough/create-passthrough-stream-tracker
 * The `StreamConverter` for same-format streams: frames pass through untouched (same objects, no
 * re-encoding), and `summary()` gives the proxy the same usage/finish/error view the converters
 * give, so passthrough requests are logged like converted ones.
 */
import type { ApiFormat, ResponseHints, StreamConverter } from '../types';
import { createAnthropicStreamTracker } from './track-anthropic-stream';
import { createOpenAIStreamTracker } from './track-openai-stream';

/** `format` is the dialect of both the upstream and the caller. */
export function createPassthroughStreamTracker(
  format: ApiFormat,
  _hints?: ResponseHints,
): StreamConverter {
  return format === 'anthropic' ? createAnthropicStreamTracker() : createOpenAIStreamTracker();
}
