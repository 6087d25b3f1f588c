/**
 * @module convert/openai-to-anthropic/convert-tools
 * OpenAI `tools` / legacy `functions`, `tool_choice` / legacy `function_call`,
 * `parallel_tool_calls` and `web_search_options` → Anthropic `tools` and `tool_choice`
 * (CONVERSION.md §1.1, §1.5, §1.3 step 10).
 */
import type { AnthropicCacheControl } from '../../anthropic/content-blocks';
import type {
  AnthropicCustomTool,
  AnthropicInputSchema,
  AnthropicTool,
  AnthropicToolChoice,
  AnthropicVersionedTool,
} from '../../anthropic/messages-request';
import type {
  OpenAIChatRequest,
  OpenAIFunctionDefinition,
  OpenAIToolChoice,
  OpenAIWebSearchOptions,
} from '../../openai/chat-request';
import { createInvalidRequestError, createUnsupportedError } from '../conversion-errors';
import type { ChatConversionState } from './chat-conversion-state';

export interface ConvertedTools {
  readonly tools: AnthropicTool[] | undefined;
  readonly toolChoice: AnthropicToolChoice | undefined;
}

/** §1.5 tool definitions, choice and parallelism; `historyToolNames` feeds stub definitions. */
export function convertTools(
  request: OpenAIChatRequest,
  state: ChatConversionState,
  historyToolNames: ReadonlySet<string>,
): ConvertedTools {
  let tools: AnthropicTool[] = [];
  request.tools?.forEach((tool, index) => {
    if (tool.type !== 'function') {
      throw createUnsupportedError(
        `tools[${index}]`,
        'custom (free-form) tools have no Anthropic equivalent',
      );
    }
    tools.push(
      convertFunctionDefinition(
        tool.function,
        `tools[${index}].function`,
        state,
        tool.cache_control,
      ),
    );
  });
  request.functions?.forEach((definition, index) => {
    tools.push(convertFunctionDefinition(definition, `functions[${index}]`, state, undefined));
  });
  const choicePath = request.tool_choice !== undefined ? 'tool_choice' : 'function_call';
  const requested = request.tool_choice ?? convertLegacyFunctionCall(request.function_call);
  let toolChoice: AnthropicToolChoice | undefined;
  if (
    requested !== undefined &&
    typeof requested !== 'string' &&
    requested.type === 'allowed_tools'
  ) {
    const allowed = new Set(
      requested.allowed_tools.tools.map((reference, index) => {
        if (reference.type !== 'function') {
          throw createUnsupportedError(
            `tool_choice.allowed_tools.tools[${index}]`,
            'custom tools have no Anthropic equivalent',
          );
        }
        return reference.function.name;
      }),
    );
    tools = tools.filter((tool) => allowed.has(tool.name));
    toolChoice = { type: requested.allowed_tools.mode === 'required' ? 'any' : 'auto' };
  } else if (requested !== undefined) {
    toolChoice = convertToolChoice(requested, choicePath, tools);
  }
  if (request.web_search_options)
    tools.push(convertWebSearchOptions(request.web_search_options, state));

  if (tools.length === 0) {
    if (toolChoice?.type === 'any' || toolChoice?.type === 'tool') {
      throw createInvalidRequestError(choicePath, 'a tool is required but no tools are defined');
    }
    if (historyToolNames.size === 0) return { tools: undefined, toolChoice: undefined };
    state.notes.add(
      'defaulted',
      'tools',
      'tool definitions were synthesised from the tool calls in the history',
    );
    const stubs = [...historyToolNames].map((name): AnthropicCustomTool => ({
      name,
      input_schema: { type: 'object' },
    }));
    return { tools: stubs, toolChoice: { type: 'none' } };
  }
  if (request.parallel_tool_calls === false && toolChoice?.type !== 'none') {
    toolChoice = { ...(toolChoice ?? { type: 'auto' }), disable_parallel_tool_use: true };
  }
  return { tools, toolChoice };
}

function convertFunctionDefinition(
  definition: OpenAIFunctionDefinition,
  path: string,
  state: ChatConversionState,
  cacheControl: AnthropicCacheControl | null | undefined,
): AnthropicCustomTool {
  const inputSchema = convertParameters(definition.parameters, `${path}.parameters`);
  const tool: AnthropicCustomTool = definition.description
    ? { name: definition.name, description: definition.description, input_schema: inputSchema }
    : { name: definition.name, input_schema: inputSchema };
  if (definition.strict === true) {
    if (state.capabilities.structuredOutputs) tool.strict = true;
    else state.notes.drop(`${path}.strict`, 'this model does not support strict tool schemas');
  }
  if (cacheControl) tool.cache_control = cacheControl;
  return tool;
}

/** Absent parameters = no arguments; a schema without a root `type` gets `type: "object"`. */
function convertParameters(
  parameters: Record<string, unknown> | undefined,
  path: string,
): AnthropicInputSchema {
  if (parameters === undefined) return { type: 'object', properties: {} };
  if (parameters.type !== undefined && parameters.type !== 'object') {
    throw createInvalidRequestError(path, 'the parameters schema must describe a JSON object');
  }
  return { type: 'object', ...parameters } as AnthropicInputSchema;
}

function convertLegacyFunctionCall(
  functionCall: OpenAIChatRequest['function_call'],
): OpenAIToolChoice | undefined {
  if (functionCall === undefined || typeof functionCall === 'string') return functionCall;
  return { type: 'function', function: { name: functionCall.name } };
}

function convertToolChoice(
  choice: Exclude<OpenAIToolChoice, { type: 'allowed_tools' }>,
  path: string,
  tools: readonly AnthropicTool[],
): AnthropicToolChoice {
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'required') return { type: 'any' };
  if (choice.type === 'custom')
    throw createUnsupportedError(path, 'custom tools have no Anthropic equivalent');
  const { name } = choice.function;
  if (!tools.some((tool) => tool.name === name)) {
    throw createInvalidRequestError(`${path}.function.name`, `no tool named ${name} is defined`);
  }
  return { type: 'tool', name };
}

const SEARCH_CONTEXT_MAX_USES = { low: 1, medium: 5, high: 10 } as const;

/** `web_search_options` → Anthropic's web search server tool (§1.1). */
function convertWebSearchOptions(
  options: OpenAIWebSearchOptions,
  state: ChatConversionState,
): AnthropicVersionedTool {
  const tool: AnthropicVersionedTool = { type: 'web_search_20250305', name: 'web_search' };
  const location = options.user_location?.approximate;
  if (location) tool.user_location = { type: 'approximate', ...location };
  if (options.search_context_size) {
    tool.max_uses = SEARCH_CONTEXT_MAX_USES[options.search_context_size];
    state.notes.add(
      'approximated',
      'web_search_options.search_context_size',
      `search_context_size ${options.search_context_size} sent as max_uses ${tool.max_uses}`,
    );
  }
  return tool;
}
