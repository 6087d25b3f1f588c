// Where the Nov-2024 Anthropic mirror is relaxed or extended, and why. Every entry adds what the
// current API has and the mirror lacks (shapes taken from @anthropic-ai/sdk
// resources/messages/messages.ts, models.ts and shared.ts, CONVERSION.md §0); nothing the mirror
// already checks is loosened except where the current API itself accepts more.
const ref = (name) => ({ $ref: `#/$defs/${name}` });
const orNull = (schema) => ({ anyOf: [schema, { type: 'null' }] });
const constant = (value) => ({ type: 'string', const: value });
const objectOf = (properties, required, additionalProperties = false) => ({
  type: 'object',
  properties,
  required,
  additionalProperties,
});
const cacheControl = orNull(ref('CacheControlEphemeral'));
const looseObject = { type: 'object' };
const STOP_REASONS = [
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
  'model_context_window_exceeded',
];
const SERVER_TOOL_RESULT_TYPES = [
  'web_search_tool_result',
  'web_fetch_tool_result',
  'code_execution_tool_result',
  'bash_code_execution_tool_result',
  'text_editor_code_execution_tool_result',
  'tool_search_tool_result',
];
const capability = objectOf({ supported: { type: 'boolean' } }, ['supported'], true);

/** Adds properties to an object schema (keeps its `additionalProperties`). */
function addProperties(schema, properties) {
  schema.properties = { ...schema.properties, ...properties };
}

const NEW_DEFINITIONS = {
  FileSource: objectOf({ type: constant('file'), file_id: { type: 'string' } }, [
    'type',
    'file_id',
  ]),
  URLSource: objectOf({ type: constant('url'), url: { type: 'string', pattern: '^https?://' } }, [
    'type',
    'url',
  ]),
  Base64PDFSource: objectOf(
    {
      type: constant('base64'),
      media_type: constant('application/pdf'),
      data: { type: 'string', format: 'byte' },
    },
    ['type', 'media_type', 'data'],
  ),
  PlainTextSource: objectOf(
    { type: constant('text'), media_type: constant('text/plain'), data: { type: 'string' } },
    ['type', 'media_type', 'data'],
  ),
  ContentBlockSource: objectOf(
    {
      type: constant('content'),
      content: {
        anyOf: [
          { type: 'string' },
          { type: 'array', items: { oneOf: [ref('RequestTextBlock'), ref('RequestImageBlock')] } },
        ],
      },
    },
    ['type', 'content'],
  ),
  RequestDocumentBlock: objectOf(
    {
      type: constant('document'),
      source: {
        oneOf: [
          ref('Base64PDFSource'),
          ref('PlainTextSource'),
          ref('ContentBlockSource'),
          ref('URLSource'),
          ref('FileSource'),
        ],
      },
      title: orNull({ type: 'string' }),
      context: orNull({ type: 'string' }),
      citations: orNull(looseObject),
      cache_control: cacheControl,
    },
    ['type', 'source'],
  ),
  RequestSearchResultBlock: objectOf(
    {
      type: constant('search_result'),
      source: { type: 'string' },
      title: { type: 'string' },
      content: { type: 'array', items: ref('RequestTextBlock') },
      citations: looseObject,
      cache_control: cacheControl,
    },
    ['type', 'source', 'title', 'content'],
  ),
  RequestThinkingBlock: objectOf(
    {
      type: constant('thinking'),
      thinking: { type: 'string' },
      signature: { type: 'string', minLength: 1 },
    },
    ['type', 'thinking', 'signature'],
  ),
  RequestRedactedThinkingBlock: objectOf(
    { type: constant('redacted_thinking'), data: { type: 'string' } },
    ['type', 'data'],
  ),
  RequestServerToolUseBlock: objectOf(
    {
      type: constant('server_tool_use'),
      id: { type: 'string' },
      name: { type: 'string' },
      input: looseObject,
      cache_control: cacheControl,
    },
    ['type', 'id', 'name', 'input'],
    true,
  ),
  ServerToolResultBlock: objectOf(
    { type: { type: 'string', enum: SERVER_TOOL_RESULT_TYPES }, tool_use_id: { type: 'string' } },
    ['type', 'tool_use_id', 'content'],
    true,
  ),
  ContainerUploadBlock: objectOf(
    {
      type: constant('container_upload'),
      file_id: { type: 'string' },
      cache_control: cacheControl,
    },
    ['type', 'file_id'],
  ),
  ToolChoiceNone: objectOf({ type: constant('none') }, ['type']),
  VersionedTool: objectOf(
    {
      type: { type: 'string', pattern: '^[a-z_]+_[0-9]{8}$' },
      name: { type: 'string' },
      cache_control: cacheControl,
    },
    ['type', 'name'],
    true,
  ),
  SystemInputMessage: objectOf(
    {
      role: constant('system'),
      content: {
        anyOf: [
          { type: 'string', minLength: 1 },
          { type: 'array', items: ref('RequestTextBlock'), minItems: 1 },
        ],
      },
    },
    ['role', 'content'],
  ),
  ResponseThinkingBlock: objectOf(
    { type: constant('thinking'), thinking: { type: 'string' }, signature: { type: 'string' } },
    ['type', 'thinking', 'signature'],
    true,
  ),
  ResponseRedactedThinkingBlock: objectOf(
    { type: constant('redacted_thinking'), data: { type: 'string' } },
    ['type', 'data'],
    true,
  ),
  ResponseServerToolUseBlock: objectOf(
    {
      type: constant('server_tool_use'),
      id: { type: 'string' },
      name: { type: 'string' },
      input: looseObject,
    },
    ['type', 'id', 'name', 'input'],
    true,
  ),
  PingEvent: objectOf({ type: constant('ping') }, ['type'], true),
  ErrorEvent: objectOf(
    { type: constant('error'), error: ref('ErrorObject') },
    ['type', 'error'],
    true,
  ),
  ErrorObject: objectOf(
    {
      type: {
        type: 'string',
        enum: [
          'invalid_request_error',
          'authentication_error',
          'billing_error',
          'permission_error',
          'not_found_error',
          'request_too_large',
          'rate_limit_error',
          'timeout_error',
          'api_error',
          'overloaded_error',
          'conflict_error',
        ],
      },
      message: { type: 'string' },
    },
    ['type', 'message'],
    true,
  ),
  ModelInfo: objectOf(
    {
      type: constant('model'),
      id: { type: 'string' },
      display_name: { type: 'string' },
      created_at: { type: 'string', format: 'date-time' },
      max_input_tokens: orNull({ type: 'integer', minimum: 0 }),
      max_tokens: orNull({ type: 'integer', minimum: 0 }),
      capabilities: orNull(
        objectOf(
          {
            image_input: capability,
            pdf_input: capability,
            structured_outputs: capability,
            effort: looseObject,
            thinking: objectOf(
              { supported: { type: 'boolean' }, types: looseObject },
              ['supported'],
              true,
            ),
          },
          [],
          true,
        ),
      ),
    },
    ['type', 'id', 'display_name', 'created_at'],
    true,
  ),
  ListModelsResponse: objectOf(
    {
      data: { type: 'array', items: ref('ModelInfo') },
      has_more: { type: 'boolean' },
      first_id: orNull({ type: 'string' }),
      last_id: orNull({ type: 'string' }),
    },
    ['data', 'has_more', 'first_id', 'last_id'],
    true,
  ),
};

const USAGE_EXTRAS = {
  cache_creation_input_tokens: orNull({ type: 'integer', minimum: 0 }),
  cache_read_input_tokens: orNull({ type: 'integer', minimum: 0 }),
  cache_creation: orNull(looseObject),
  server_tool_use: orNull(looseObject),
  output_tokens_details: orNull(
    objectOf({ thinking_tokens: { type: 'integer', minimum: 0 } }, ['thinking_tokens'], true),
  ),
};

const RESPONSE_BLOCKS = [
  'ResponseTextBlock',
  'ResponseToolUseBlock',
  'ResponseThinkingBlock',
  'ResponseRedactedThinkingBlock',
  'ResponseServerToolUseBlock',
  'ServerToolResultBlock',
  'ContainerUploadBlock',
].map(ref);

const MESSAGE_BLOCKS = [
  'RequestTextBlock',
  'RequestImageBlock',
  'RequestDocumentBlock',
  'RequestSearchResultBlock',
  'RequestThinkingBlock',
  'RequestRedactedThinkingBlock',
  'RequestToolUseBlock',
  'RequestToolResultBlock',
  'RequestServerToolUseBlock',
  'ServerToolResultBlock',
  'ContainerUploadBlock',
].map(ref);

export const ANTHROPIC_RELAXATIONS = [
  {
    target: '$defs (new)',
    reason:
      'Block, source, tool, event and model-list schemas introduced after Nov 2024 (documents, search results, thinking, server tools, container uploads, url/file sources, tool_choice none, ping/error events, GET /v1/models), written from the current SDK types.',
    apply: (definitions) => Object.assign(definitions, NEW_DEFINITIONS),
  },
  {
    target: 'CacheControlEphemeral',
    reason: 'The 1-hour cache added `ttl: "5m" | "1h"`.',
    apply: (definitions) =>
      addProperties(definitions.CacheControlEphemeral, {
        ttl: { type: 'string', enum: ['5m', '1h'] },
      }),
  },
  {
    target: 'RequestTextBlock, RequestImageBlock, RequestToolUseBlock, RequestToolResultBlock',
    reason:
      '`cache_control` is GA (the mirror has it only on the prompt-caching beta blocks); text blocks take `citations`.',
    apply: (definitions) => {
      addProperties(definitions.RequestTextBlock, {
        cache_control: cacheControl,
        citations: orNull({ type: 'array' }),
      });
      for (const name of ['RequestImageBlock', 'RequestToolUseBlock', 'RequestToolResultBlock']) {
        addProperties(definitions[name], { cache_control: cacheControl });
      }
    },
  },
  {
    target: 'RequestImageBlock.source',
    reason: 'Images may come from an http(s) URL or a Files API id, not only base64.',
    apply: (definitions) => {
      definitions.RequestImageBlock.properties.source = {
        oneOf: [ref('Base64ImageSource'), ref('URLSource'), ref('FileSource')],
      };
    },
  },
  {
    target: 'RequestToolResultBlock.content',
    reason: 'Tool results may carry documents and search results.',
    apply: (definitions) => {
      definitions.RequestToolResultBlock.properties.content.anyOf[1].items = {
        oneOf: [
          'RequestTextBlock',
          'RequestImageBlock',
          'RequestDocumentBlock',
          'RequestSearchResultBlock',
        ].map(ref),
      };
    },
  },
  {
    target: 'InputMessage',
    reason:
      'Message content takes every current block type; mid-conversation `role: "system"` messages (text only) are accepted (API.md "Dialect details").',
    apply: (definitions) => {
      const userOrAssistant = definitions.InputMessage;
      userOrAssistant.properties.content.anyOf[1].items = { oneOf: MESSAGE_BLOCKS };
      definitions.UserOrAssistantInputMessage = userOrAssistant;
      definitions.InputMessage = {
        oneOf: [ref('UserOrAssistantInputMessage'), ref('SystemInputMessage')],
      };
    },
  },
  {
    target: 'Tool, CreateMessageParams.tools',
    reason:
      'Custom tools gained `type: "custom"`, `strict`, `cache_control` and tool-search/streaming fields; Anthropic-defined tools (`web_search_20250305`, `bash_20250124`, …) are loose objects with a versioned `type`.',
    apply: (definitions) => {
      addProperties(definitions.Tool, {
        type: orNull(constant('custom')),
        strict: { type: 'boolean' },
        cache_control: cacheControl,
        defer_loading: { type: 'boolean' },
        eager_input_streaming: orNull({ type: 'boolean' }),
        input_examples: { type: 'array', items: looseObject },
        allowed_callers: { type: 'array', items: { type: 'string' } },
      });
      definitions.CreateMessageParams.properties.tools.items = {
        anyOf: [ref('Tool'), ref('VersionedTool')],
      };
    },
  },
  {
    target: 'ToolChoice',
    reason: '`{type: "none"}` was added.',
    apply: (definitions) => definitions.ToolChoice.oneOf.push(ref('ToolChoiceNone')),
  },
  {
    target: 'CreateMessageParams',
    reason:
      'Fields added since Nov 2024: thinking (enabled/adaptive/disabled/between_tools), output_config {effort, format}, legacy output_format, service_tier, container, mcp_servers, context_management, inference_geo, top-level cache_control.',
    apply: (definitions) => {
      const jsonFormat = objectOf({ type: constant('json_schema'), schema: looseObject }, [
        'type',
        'schema',
      ]);
      const display = orNull({ type: 'string', enum: ['summarized', 'omitted'] });
      addProperties(definitions.CreateMessageParams, {
        thinking: {
          oneOf: [
            objectOf(
              {
                type: constant('enabled'),
                budget_tokens: { type: 'integer', minimum: 1024 },
                display,
              },
              ['type', 'budget_tokens'],
            ),
            objectOf({ type: constant('adaptive'), display }, ['type']),
            objectOf({ type: constant('disabled') }, ['type']),
            objectOf({ type: constant('between_tools') }, ['type']),
          ],
        },
        output_config: objectOf(
          {
            effort: orNull({ type: 'string', enum: ['low', 'medium', 'high', 'xhigh', 'max'] }),
            format: orNull(jsonFormat),
          },
          [],
        ),
        output_format: orNull(jsonFormat),
        service_tier: { type: 'string', enum: ['auto', 'standard_only'] },
        container: {},
        mcp_servers: { type: 'array' },
        context_management: {},
        inference_geo: orNull({ type: 'string' }),
        cache_control: cacheControl,
      });
    },
  },
  {
    target: 'ResponseTextBlock, ContentBlock, ContentBlockStartEvent.content_block',
    reason:
      'Responses carry citations, thinking, redacted thinking, server tool use/results and container uploads.',
    apply: (definitions) => {
      addProperties(definitions.ResponseTextBlock, { citations: orNull({ type: 'array' }) });
      definitions.ContentBlock = { oneOf: RESPONSE_BLOCKS };
      definitions.ContentBlockStartEvent.properties.content_block = ref('ContentBlock');
    },
  },
  {
    target: 'Message, MessageDelta',
    reason:
      'New stop reasons (pause_turn, refusal, model_context_window_exceeded), `stop_details` and `container`.',
    apply: (definitions) => {
      for (const name of ['Message', 'MessageDelta']) {
        addProperties(definitions[name], {
          stop_reason: orNull({ type: 'string', enum: STOP_REASONS }),
          stop_details: orNull(looseObject),
          container: orNull(looseObject),
        });
      }
    },
  },
  {
    target: 'Usage, MessageDeltaUsage',
    reason:
      'Prompt-caching counters are GA; `output_tokens_details`, `server_tool_use`, `service_tier` were added; message_delta usage may repeat input counts.',
    apply: (definitions) => {
      addProperties(definitions.Usage, {
        ...USAGE_EXTRAS,
        service_tier: orNull({ type: 'string' }),
      });
      addProperties(definitions.MessageDeltaUsage, {
        ...USAGE_EXTRAS,
        input_tokens: orNull({ type: 'integer', minimum: 0 }),
      });
    },
  },
  {
    target: 'ContentBlockDeltaEvent.delta',
    reason: 'thinking_delta, signature_delta and citations_delta were added.',
    apply: (definitions) => {
      definitions.ContentBlockDeltaEvent.properties.delta.oneOf.push(
        objectOf(
          { type: constant('thinking_delta'), thinking: { type: 'string' } },
          ['type', 'thinking'],
          true,
        ),
        objectOf(
          { type: constant('signature_delta'), signature: { type: 'string' } },
          ['type', 'signature'],
          true,
        ),
        objectOf(
          { type: constant('citations_delta'), citation: looseObject },
          ['type', 'citation'],
          true,
        ),
      );
    },
  },
  {
    target: 'MessageStreamEvent',
    reason:
      'The stream also carries `ping` and `error` events (the mirror lists only the six data events).',
    apply: (definitions) =>
      definitions.MessageStreamEvent.oneOf.push(ref('PingEvent'), ref('ErrorEvent')),
  },
  {
    target: 'ErrorResponse',
    reason:
      'Error types added since (billing_error, timeout_error, request_too_large, conflict_error) and the `request_id` field; the per-type schemas are replaced by one enum.',
    apply: (definitions) => {
      addProperties(definitions.ErrorResponse, {
        error: ref('ErrorObject'),
        request_id: orNull({ type: 'string' }),
      });
    },
  },
];
