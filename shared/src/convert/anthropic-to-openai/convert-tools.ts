/**
 * @module convert/anthropic-to-openai/convert-tools
 * Anthropic `tools` and `tool_choice` → OpenAI `tools`, `tool_choice`, `parallel_tool_calls`
 * and `web_search_options` (CONVERSION.md §2.5). Custom tools become function tools (names
 * over 64 characters shortened, reverse map in the hints); the web search server tool becomes
 * `web_search_options` only where the upstream model searches; every other Anthropic-defined
 * tool is refused (it would silently vanish).
 */
import type {
  AnthropicTool,
  AnthropicToolChoice,
  AnthropicVersionedTool,
} from '../../anthropic/messages-request';
import { isAnthropicCustomTool } from '../../anthropic/messages-request';
import type {
  OpenAIFunctionTool,
  OpenAIToolChoice,
  OpenAIWebSearchOptions,
} from '../../openai/chat-request';
import { assertNever } from '../../assert-never';
import { createInvalidRequestError, createUnsupportedError } from '../conversion-errors';
import type { MessagesConversionState } from './messages-conversion-state';

export interface ConvertedTools {
  readonly tools: OpenAIFunctionTool[] | undefined;
  readonly toolChoice: OpenAIToolChoice | undefined;
  readonly parallelToolCalls: false | undefined;
  readonly webSearchOptions: OpenAIWebSearchOptions | undefined;
}

export function convertTools(
  tools: readonly AnthropicTool[] | undefined,
  choice: AnthropicToolChoice | undefined,
  state: MessagesConversionState,
): ConvertedTools {
  const functions: OpenAIFunctionTool[] = [];
  let webSearchOptions: OpenAIWebSearchOptions | undefined;
  tools?.forEach((tool, index) => {
    const path = `tools[${index}]`;
    if (isAnthropicCustomTool(tool)) {
      const name = state.toolNames.toUpstream(tool.name);
      const definition: OpenAIFunctionTool['function'] = tool.description
        ? { name, description: tool.description, parameters: tool.input_schema }
        : { name, parameters: tool.input_schema };
      if (tool.strict !== undefined) definition.strict = tool.strict;
      functions.push({ type: 'function', function: definition });
    } else if (tool.type.startsWith('web_search_')) {
      webSearchOptions = convertWebSearchTool(tool, path, state);
    } else {
      throw createUnsupportedError(
        `${path}.type`,
        `the Anthropic tool ${tool.type} has no OpenAI equivalent`,
      );
    }
  });
  const hasFunctions = functions.length > 0;
  const toolChoice =
    choice === undefined ? undefined : convertToolChoice(choice, hasFunctions, state);
  let parallelToolCalls: false | undefined;
  if (
    choice !== undefined &&
    choice.type !== 'none' &&
    choice.disable_parallel_tool_use === true &&
    hasFunctions
  ) {
    if (state.capabilities.parallelToolCalls) parallelToolCalls = false;
    else
      state.notes.drop(
        'tool_choice.disable_parallel_tool_use',
        'this model does not take parallel_tool_calls',
      );
  }
  return {
    tools: hasFunctions ? functions : undefined,
    toolChoice,
    parallelToolCalls,
    webSearchOptions,
  };
}

function convertToolChoice(
  choice: AnthropicToolChoice,
  hasFunctions: boolean,
  state: MessagesConversionState,
): OpenAIToolChoice | undefined {
  switch (choice.type) {
    case 'auto':
    case 'none':
      // OpenAI rejects tool_choice without tools; without tools both mean "answer in text".
      return hasFunctions ? choice.type : undefined;
    case 'any':
      if (!hasFunctions)
        throw createInvalidRequestError(
          'tool_choice',
          'a tool is required but no tools are defined',
        );
      return 'required';
    case 'tool':
      if (!hasFunctions)
        throw createInvalidRequestError(
          'tool_choice.name',
          `no tool named ${choice.name} is defined`,
        );
      return { type: 'function', function: { name: state.toolNames.toUpstream(choice.name) } };
    default:
      return assertNever(choice, 'tool_choice');
  }
}

interface AnthropicUserLocation {
  readonly city?: string;
  readonly region?: string;
  readonly country?: string;
  readonly timezone?: string;
}

/** `web_search_*` → `web_search_options` where the upstream model can search (§2.5). */
function convertWebSearchTool(
  tool: AnthropicVersionedTool,
  path: string,
  state: MessagesConversionState,
): OpenAIWebSearchOptions {
  if (!(state.options.allowWebSearch ?? state.capabilities.webSearch)) {
    throw createUnsupportedError(
      `${path}.type`,
      'this OpenAI model cannot search the web; web search tools are not supported',
    );
  }
  const options: OpenAIWebSearchOptions = {};
  const location = tool.user_location as AnthropicUserLocation | null | undefined;
  if (location) {
    const approximate = Object.fromEntries(
      (['city', 'region', 'country', 'timezone'] as const)
        .filter((key) => typeof location[key] === 'string')
        .map((key) => [key, location[key]]),
    );
    options.user_location = { type: 'approximate', approximate };
  }
  for (const setting of ['max_uses', 'allowed_domains', 'blocked_domains']) {
    if (tool[setting] !== undefined && tool[setting] !== null) {
      state.notes.drop(`${path}.${setting}`, `${setting} has no OpenAI equivalent`);
    }
  }
  return options;
}
