/**
 * @module convert/capabilities
 * The static, versioned per-model-family capability table (CONVERSION.md §0 "version drift",
 * §10.4). Request conversion reads it for thinking style, effort levels, sampling parameters,
 * prefill, structured outputs, mid-conversation system messages and the output-token ceiling.
 *
 * Claude models are recognised by line and version parsed from the name (`claude-opus-4-7`,
 * `claude-3-5-sonnet-20241022`, `us.anthropic.claude-sonnet-4-5@20250929`), so an unlisted newer
 * version inherits the newest known behaviour. A name that is not a Claude name at all (an
 * Anthropic-format relay serving another model) gets conservative defaults: no thinking, no
 * structured outputs, prefill and sampling allowed, no output ceiling (the upstream enforces
 * its own). OpenAI models are matched by name prefix; unknown names are treated as
 * non-reasoning chat models (any OpenAI-compatible server accepts that request shape).
 * A caller may pass its own capabilities (refreshed from Anthropic's `GET /v1/models`) instead.
 */
import type { AnthropicEffort } from '../anthropic/messages-request';
import type { OpenAIReasoningEffort } from '../openai/chat-request';
import { isRecord } from '../is-record';

/** Bump when a row changes; shown in docs/conversion.md. */
export const CAPABILITY_TABLE_VERSION = '2026-11-26';

export interface ClaudeModelCapabilities {
  /** The table row that matched, e.g. `claude-opus-4.7`, or `unknown`. */
  readonly family: string;
  /** `thinking: {type: "adaptive"}` + `output_config.effort` (4.6+). */
  readonly adaptiveThinking: boolean;
  /** `thinking: {type: "enabled", budget_tokens}` (3.7 up to 4.6; rejected on 4.7+). */
  readonly budgetThinking: boolean;
  /** `output_config.effort` values the model takes, weakest first. */
  readonly effortLevels: readonly AnthropicEffort[];
  /** `full`: temperature/top_p/top_k; `deprecated` (after Opus 4.6): only temperature 1, top_p ≥ 0.99, no top_k. */
  readonly sampling: 'full' | 'deprecated';
  /** A final assistant message continues the answer (removed on 4.6+). */
  readonly prefill: boolean;
  /** `output_config.format` and `strict` tools. */
  readonly structuredOutputs: boolean;
  /** `role: "system"` messages inside `messages` (Opus 4.8+). */
  readonly midConversationSystem: boolean;
  /** The largest `max_tokens` the model takes; undefined = unknown, not clamped. */
  readonly maxOutputTokens: number | undefined;
}

export interface OpenAIModelCapabilities {
  readonly family: string;
  /** Takes `reasoning_effort` and reasons before answering. */
  readonly reasoning: boolean;
  /** `reasoning_effort` values accepted, weakest first (empty: the parameter is rejected). */
  readonly reasoningEfforts: readonly OpenAIReasoningEffort[];
  /** Accepts `temperature` / `top_p` (reasoning models reject them). */
  readonly samplingParameters: boolean;
  /** Accepts `parallel_tool_calls`. */
  readonly parallelToolCalls: boolean;
  /** Accepts `web_search_options` (search models). */
  readonly webSearch: boolean;
}

type ClaudeLine = 'opus' | 'sonnet' | 'haiku' | 'fable' | 'mythos';

interface ClaudeVersion {
  readonly line: ClaudeLine | 'instant' | 'other';
  /** major * 10 + minor, e.g. 47 for 4.7, 35 for 3.5. */
  readonly version: number;
}

const NEW_NAME = /claude-(opus|sonnet|haiku|fable|mythos)-(\d+)(?:-(\d)(?!\d))?/;
const OLD_NAME = /claude-(\d)(?:-(\d))?-(opus|sonnet|haiku)/;
/** `claude-mythos-preview` and other named previews: treated as the newest generation. */
const PREVIEW_NAME = /claude-(opus|sonnet|haiku|fable|mythos)-preview/;

function parseClaudeVersion(model: string): ClaudeVersion | undefined {
  const name = model.toLowerCase();
  const preview = PREVIEW_NAME.exec(name);
  if (preview) return { line: preview[1] as ClaudeLine, version: 99 };
  const current = NEW_NAME.exec(name);
  if (current) {
    return {
      line: current[1] as ClaudeLine,
      version: Number(current[2]) * 10 + Number(current[3] ?? 0),
    };
  }
  const old = OLD_NAME.exec(name);
  if (old)
    return { line: old[3] as ClaudeLine, version: Number(old[1]) * 10 + Number(old[2] ?? 0) };
  if (/claude-(instant|2)/.test(name)) return { line: 'instant', version: 20 };
  return undefined;
}

const EFFORT_46: readonly AnthropicEffort[] = ['low', 'medium', 'high', 'max'];
const EFFORT_47: readonly AnthropicEffort[] = ['low', 'medium', 'high', 'xhigh', 'max'];

/** Output ceilings by line and version (Anthropic models overview; 5.x assumed like 4.8). */
function selectMaxOutputTokens({ line, version }: ClaudeVersion): number {
  if (version < 35) return 4096;
  if (version < 37) return 8192;
  if (version < 45) return line === 'opus' ? 32000 : 64000;
  if (version < 46) return 64000;
  return line === 'opus' ? 128000 : 64000;
}

/** Capabilities of an Anthropic model, from its (upstream) name. */
export function lookupClaudeCapabilities(model: string): ClaudeModelCapabilities {
  const parsed = parseClaudeVersion(model);
  if (parsed === undefined) {
    return {
      family: 'unknown',
      adaptiveThinking: false,
      budgetThinking: false,
      effortLevels: [],
      sampling: 'full',
      prefill: true,
      structuredOutputs: false,
      midConversationSystem: false,
      maxOutputTokens: undefined,
    };
  }
  const { line, version } = parsed;
  return {
    family: `claude-${line}-${Math.floor(version / 10)}.${version % 10}`,
    adaptiveThinking: version >= 46,
    budgetThinking: version >= 37 && version <= 46,
    effortLevels: version >= 47 ? EFFORT_47 : version >= 46 ? EFFORT_46 : [],
    sampling: version >= 47 ? 'deprecated' : 'full',
    prefill: version < 46,
    structuredOutputs: version >= 45 || (line === 'opus' && version === 41),
    midConversationSystem: version >= 48,
    maxOutputTokens: selectMaxOutputTokens(parsed),
  };
}

const EFFORT_ORDER: readonly AnthropicEffort[] = ['low', 'medium', 'high', 'xhigh', 'max'];

/** `{supported: boolean}` read on its own: undefined when absent or not a boolean. */
function readSupport(value: unknown): boolean | undefined {
  const supported = (value as { supported?: unknown } | null | undefined)?.supported;
  return typeof supported === 'boolean' ? supported : undefined;
}

/** What an Anthropic `ModelInfo` says of a model's limits, and its `capabilities` object as sent. */
export interface ModelInfoLimits {
  readonly maxInputTokens: number | null;
  readonly maxTokens: number | null;
  readonly capabilities: Record<string, unknown> | null;
}

const positiveInteger = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;

/**
 * The limits and capabilities object of an upstream's `ModelInfo` (`GET /v1/models/{id}`), each
 * null when absent or malformed; undefined when the answer has none of them.
 */
export function readModelInfoLimits(modelInfo: unknown): ModelInfoLimits | undefined {
  if (!isRecord(modelInfo)) return undefined;
  const limits = {
    maxInputTokens: positiveInteger(modelInfo.max_input_tokens),
    maxTokens: positiveInteger(modelInfo.max_tokens),
    capabilities: isRecord(modelInfo.capabilities) ? modelInfo.capabilities : null,
  };
  const empty =
    limits.maxInputTokens === null && limits.maxTokens === null && limits.capabilities === null;
  return empty ? undefined : limits;
}

/**
 * `base` (the static row for the model's name) with what an Anthropic upstream's `ModelInfo`
 * (`GET /v1/models/{id}`) says about the model: the thinking types it accepts, its effort levels,
 * structured outputs and its `max_tokens` ceiling. Each field is read on its own; one that is
 * absent or malformed keeps the table's value, as do the behaviours the API does not report
 * (sampling, prefill, mid-conversation system messages). Undefined when the answer reports
 * nothing usable (`capabilities: null` and no `max_tokens`, or not a ModelInfo at all).
 */
export function applyModelInfoCapabilities(
  base: ClaudeModelCapabilities,
  modelInfo: unknown,
): ClaudeModelCapabilities | undefined {
  const limits = readModelInfoLimits(modelInfo);
  if (!limits || (limits.capabilities === null && limits.maxTokens === null)) return undefined;
  const capabilities = limits.capabilities ?? undefined;

  const thinking = capabilities?.thinking as
    { supported?: unknown; types?: Record<string, unknown> | null } | undefined;
  const thinkingSupported = readSupport(thinking);
  const adaptive = thinkingSupported === false ? false : readSupport(thinking?.types?.adaptive);
  const enabled = thinkingSupported === false ? false : readSupport(thinking?.types?.enabled);

  let effortLevels = base.effortLevels;
  const effort = capabilities?.effort as Record<string, unknown> | undefined;
  const effortSupported = readSupport(effort);
  if (effortSupported === false) effortLevels = [];
  else if (effortSupported === true) {
    effortLevels = EFFORT_ORDER.filter((level) => readSupport(effort?.[level]) === true);
  }

  return {
    ...base,
    adaptiveThinking: adaptive ?? base.adaptiveThinking,
    budgetThinking: enabled ?? base.budgetThinking,
    effortLevels,
    structuredOutputs: readSupport(capabilities?.structured_outputs) ?? base.structuredOutputs,
    maxOutputTokens: limits.maxTokens ?? base.maxOutputTokens,
  };
}

interface OpenAIFamilyRow extends OpenAIModelCapabilities {
  /** Name prefixes, matched after stripping a `provider/` prefix. */
  readonly prefixes: readonly string[];
}

const NON_REASONING: Omit<OpenAIFamilyRow, 'family' | 'prefixes'> = {
  reasoning: false,
  reasoningEfforts: [],
  samplingParameters: true,
  parallelToolCalls: true,
  webSearch: false,
};

const reasoningRow = (
  family: string,
  prefixes: readonly string[],
  reasoningEfforts: readonly OpenAIReasoningEffort[],
  parallelToolCalls = true,
): OpenAIFamilyRow => ({
  family,
  prefixes,
  reasoning: true,
  reasoningEfforts,
  samplingParameters: false,
  parallelToolCalls,
  webSearch: false,
});

/** Longest prefix wins; order does not matter. */
const OPENAI_FAMILIES: readonly OpenAIFamilyRow[] = [
  reasoningRow('o1-preview', ['o1-preview', 'o1-mini'], [], false),
  reasoningRow('o1', ['o1'], ['low', 'medium', 'high'], false),
  reasoningRow('o3-mini', ['o3-mini'], ['low', 'medium', 'high'], false),
  reasoningRow('o3', ['o3', 'o4-mini'], ['low', 'medium', 'high']),
  reasoningRow('gpt-5', ['gpt-5'], ['minimal', 'low', 'medium', 'high']),
  reasoningRow('gpt-5-pro', ['gpt-5-pro'], ['high']),
  reasoningRow('gpt-5.1', ['gpt-5.1'], ['none', 'low', 'medium', 'high']),
  reasoningRow(
    'gpt-5.2+',
    ['gpt-5.2', 'gpt-5.3', 'gpt-5.4', 'gpt-5.5'],
    ['none', 'low', 'medium', 'high', 'xhigh'],
  ),
  {
    ...NON_REASONING,
    family: 'gpt-5-chat',
    prefixes: ['gpt-5-chat', 'gpt-5.1-chat', 'gpt-5.2-chat'],
  },
  { ...NON_REASONING, family: 'gpt-4o', prefixes: ['gpt-4o', 'chatgpt-4o'] },
  { ...NON_REASONING, family: 'gpt-4.1', prefixes: ['gpt-4.1'] },
  { ...NON_REASONING, family: 'gpt-4', prefixes: ['gpt-4', 'gpt-3.5'] },
  {
    ...NON_REASONING,
    family: 'search-preview',
    prefixes: ['gpt-4o-search', 'gpt-4o-mini-search', 'gpt-5-search'],
    samplingParameters: false,
    webSearch: true,
  },
];

const UNKNOWN_OPENAI: OpenAIModelCapabilities = { ...NON_REASONING, family: 'unknown' };

/** Capabilities of an OpenAI(-compatible) model, from its (upstream) name. */
export function lookupOpenAICapabilities(model: string): OpenAIModelCapabilities {
  const name = model.toLowerCase().slice(model.lastIndexOf('/') + 1);
  let best: OpenAIFamilyRow | undefined;
  let bestLength = 0;
  for (const row of OPENAI_FAMILIES) {
    for (const prefix of row.prefixes) {
      if (
        prefix.length > bestLength &&
        name.startsWith(prefix) &&
        isNameBoundary(name, prefix.length)
      ) {
        best = row;
        bestLength = prefix.length;
      }
    }
  }
  if (best === undefined) return UNKNOWN_OPENAI;
  const { prefixes: _prefixes, ...capabilities } = best;
  return capabilities;
}

/** `gpt-5` matches `gpt-5`, `gpt-5-mini`, `gpt-5-2025-08-07`, not `gpt-50`; `o1` not `o10`. */
function isNameBoundary(name: string, index: number): boolean {
  const next = name[index];
  return next === undefined || !/[0-9a-z]/.test(next);
}
