/**
 * @module convert/anthropic-to-openai/convert-thinking
 * Anthropic `thinking` (+ `output_config.effort`) → OpenAI `reasoning_effort` (CONVERSION.md
 * §2.6), only for reasoning models (capability table), downgraded to the efforts the model takes.
 * Budget cut-offs (§9 `effort_buckets`): < 4096 → low, < 16384 → medium, else high.
 */
import type { AnthropicMessagesRequest } from '../../anthropic/messages-request';
import type { OpenAIReasoningEffort } from '../../openai/chat-request';
import type { MessagesConversionState } from './messages-conversion-state';

export const EFFORT_BUCKETS = { low: 4096, medium: 16384 } as const;
const EFFORT_ORDER: readonly OpenAIReasoningEffort[] = [
  'none',
  'minimal',
  'low',
  'medium',
  'high',
  'xhigh',
  'max',
];

export function convertThinking(
  request: AnthropicMessagesRequest,
  state: MessagesConversionState,
): OpenAIReasoningEffort | undefined {
  const { thinking } = request;
  const effort = request.output_config?.effort ?? undefined;
  let requested: OpenAIReasoningEffort | undefined;
  let path = 'thinking';
  if (thinking === undefined || thinking.type === 'disabled') {
    if (effort === undefined) return undefined;
    requested = effort;
    path = 'output_config.effort';
  } else if (thinking.type === 'enabled') {
    const budget = thinking.budget_tokens;
    requested =
      budget < EFFORT_BUCKETS.low ? 'low' : budget < EFFORT_BUCKETS.medium ? 'medium' : 'high';
  } else requested = effort ?? 'medium';

  const { capabilities } = state;
  if (!capabilities.reasoning || capabilities.reasoningEfforts.length === 0) {
    state.notes.drop(path, 'the upstream model does not take reasoning_effort');
    return undefined;
  }
  if (capabilities.reasoningEfforts.includes(requested)) return requested;
  const ceiling = EFFORT_ORDER.indexOf(requested);
  const supported = capabilities.reasoningEfforts;
  const chosen =
    supported
      .filter((level) => EFFORT_ORDER.indexOf(level) <= ceiling && level !== 'none')
      .at(-1) ??
    supported.find((level) => level !== 'none') ??
    requested;
  state.notes.add(
    'clamped',
    path,
    `reasoning effort ${requested} is not offered by this model; ${chosen} was used`,
  );
  return chosen;
}
