/**
 * @module convert/openai-to-anthropic/convert-thinking
 * `reasoning_effort` → Anthropic `thinking` (+ `output_config.effort`), and the sampling rules
 * that depend on it (CONVERSION.md §1.10, §1.8, §1.1 `temperature`/`top_p`). Adaptive thinking
 * is preferred where the model has it; budget models get the §9 budget table clamped to
 * [1024, max_tokens − 1]. Thinking is left off, with a note, when the model cannot think, a tool
 * is forced, the request ends in a prefill, or the last assistant turn's tool calls lack their
 * signed thinking blocks (§10.2).
 */
import type { AnthropicEffort, AnthropicThinkingConfig } from '../../anthropic/messages-request';
import type { OpenAIReasoningEffort } from '../../openai/chat-request';
import { createInvalidRequestError } from '../conversion-errors';
import type { ChatConversionState } from './chat-conversion-state';

/** §9 `thinking_budget_table` (CONVERSION.md's defaults; LiteLLM uses 4× smaller budgets). */
export const THINKING_BUDGETS: Readonly<
  Record<Exclude<OpenAIReasoningEffort, 'none' | 'max'>, number>
> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 32768,
};
const MINIMUM_BUDGET = 1024;
const EFFORT_ORDER: readonly AnthropicEffort[] = ['low', 'medium', 'high', 'xhigh', 'max'];

export interface ThinkingSituation {
  readonly maxTokens: number;
  /** The caller gave no limit: budget thinking then raises `max_tokens` by the budget (up to the ceiling). */
  readonly isMaxTokensDefaulted: boolean;
  readonly isToolForced: boolean;
  readonly hasPrefill: boolean;
  /** The last assistant turn has tool calls but does not start with signed thinking. */
  readonly lacksReplayedThinking: boolean;
}

export interface ThinkingDecision {
  readonly thinking: AnthropicThinkingConfig | undefined;
  readonly effort: AnthropicEffort | undefined;
  /** The `max_tokens` to send (changed only for a defaulted limit with budget thinking). */
  readonly maxTokens: number;
}

/** Decides `thinking` and `output_config.effort` for a `reasoning_effort`. */
export function convertReasoningEffort(
  reasoningEffort: OpenAIReasoningEffort | null | undefined,
  situation: ThinkingSituation,
  state: ChatConversionState,
): ThinkingDecision {
  const noThinking: ThinkingDecision = {
    thinking: undefined,
    effort: undefined,
    maxTokens: situation.maxTokens,
  };
  if (reasoningEffort === undefined || reasoningEffort === null) return noThinking;
  const { capabilities, notes } = state;
  if (reasoningEffort === 'none') {
    return capabilities.adaptiveThinking
      ? { ...noThinking, thinking: { type: 'disabled' } }
      : noThinking;
  }
  const wanted =
    reasoningEffort === 'max' ? situation.maxTokens - 1 : THINKING_BUDGETS[reasoningEffort];
  // A defaulted limit grows by the budget, so the answer still has the default room (§1.8).
  const maxTokens =
    situation.isMaxTokensDefaulted && !capabilities.adaptiveThinking && reasoningEffort !== 'max'
      ? Math.min(
          capabilities.maxOutputTokens ?? Number.MAX_SAFE_INTEGER,
          situation.maxTokens + wanted,
        )
      : situation.maxTokens;
  const reason = explainThinkingOff({ ...situation, maxTokens }, state);
  if (reason !== undefined) {
    notes.drop('reasoning_effort', reason);
    return noThinking;
  }
  if (capabilities.adaptiveThinking) {
    const requested: AnthropicEffort = reasoningEffort === 'minimal' ? 'low' : reasoningEffort;
    const effort = selectSupportedEffort(requested, capabilities.effortLevels);
    if (effort !== undefined && effort !== requested) {
      notes.add(
        'clamped',
        'reasoning_effort',
        `effort ${requested} is not offered by this model; ${effort} was used`,
      );
    }
    return { thinking: { type: 'adaptive' }, effort, maxTokens };
  }
  const budget = Math.min(Math.max(wanted, MINIMUM_BUDGET), maxTokens - 1);
  if (budget !== wanted) {
    notes.add(
      'clamped',
      'reasoning_effort',
      `thinking budget ${wanted} clamped to ${budget} (at least 1024, below max_tokens)`,
    );
  }
  return { thinking: { type: 'enabled', budget_tokens: budget }, effort: undefined, maxTokens };
}

function explainThinkingOff(
  situation: ThinkingSituation,
  state: ChatConversionState,
): string | undefined {
  const { capabilities } = state;
  if (!capabilities.adaptiveThinking && !capabilities.budgetThinking)
    return 'this model does not support thinking';
  if (situation.isToolForced)
    return 'thinking cannot be combined with a forced tool choice; the tool choice wins';
  if (situation.hasPrefill)
    return 'thinking cannot be combined with a final assistant (prefill) message';
  if (situation.lacksReplayedThinking) {
    return 'the last assistant turn has tool calls but its signed thinking blocks were not sent back (thinking_blocks); thinking was turned off for this request';
  }
  if (!capabilities.adaptiveThinking && situation.maxTokens <= MINIMUM_BUDGET) {
    return `max_tokens ${situation.maxTokens} leaves no room for the minimum thinking budget of ${MINIMUM_BUDGET}`;
  }
  return undefined;
}

/** The strongest supported effort not above the requested one (or the weakest offered). */
function selectSupportedEffort(
  requested: AnthropicEffort,
  supported: readonly AnthropicEffort[],
): AnthropicEffort | undefined {
  if (supported.includes(requested)) return requested;
  const ceiling = EFFORT_ORDER.indexOf(requested);
  const below = supported.filter((level) => EFFORT_ORDER.indexOf(level) < ceiling);
  return below[below.length - 1] ?? supported[0];
}

export interface Sampling {
  readonly temperature: number | undefined;
  readonly topP: number | undefined;
}

/** §1.1 temperature/top_p: clamp to Anthropic's 0–1; drop what thinking or the model forbids. */
export function convertSampling(
  temperature: number | null | undefined,
  topP: number | null | undefined,
  isThinkingOn: boolean,
  state: ChatConversionState,
): Sampling {
  const isDeprecated = state.capabilities.sampling === 'deprecated';
  let resultTemperature: number | undefined;
  if (temperature !== undefined && temperature !== null) {
    if (temperature < 0 || temperature > 2)
      throw createInvalidRequestError('temperature', 'must be between 0 and 2');
    if (temperature !== 1 && (isThinkingOn || isDeprecated)) {
      state.notes.drop(
        'temperature',
        isThinkingOn
          ? 'only temperature 1 is allowed with thinking'
          : 'this model only accepts temperature 1',
      );
    } else {
      resultTemperature = Math.min(temperature, 1);
      if (temperature > 1)
        state.notes.clamp(
          'temperature',
          `temperature ${temperature} clamped to Anthropic's maximum of 1`,
        );
    }
  }
  let resultTopP: number | undefined;
  if (topP !== undefined && topP !== null) {
    if (topP < 0 || topP > 1) throw createInvalidRequestError('top_p', 'must be between 0 and 1');
    const floor = isDeprecated ? 0.99 : isThinkingOn ? 0.95 : 0;
    if (topP >= floor) resultTopP = topP;
    else
      state.notes.drop(
        'top_p',
        `top_p below ${floor} is not accepted ${isDeprecated ? 'by this model' : 'with thinking'}`,
      );
  }
  return { temperature: resultTemperature, topP: resultTopP };
}
