// Inputs of bench/convert.mjs: a 10-message request with tools in each dialect, and one
// realistic upstream stream per dialect (200 text deltas, then a tool call streamed in 41
// argument fragments), as SSE wire text, one string per upstream event.
// ------------------------------------------------------------------ requests (10 messages + tools)

const tools = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
        required: ['city'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'search_docs',
      description: 'Full-text search',
      parameters: {
        type: 'object',
        properties: { query: { type: 'string' }, limit: { type: 'integer' } },
        required: ['query'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'read_file',
      description: 'Read a file',
      parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    },
  },
];
export const openAIRequest = {
  model: 'claude-sonnet-4-5',
  max_completion_tokens: 1024,
  temperature: 0.7,
  stream: true,
  stream_options: { include_usage: true },
  tools,
  messages: [
    {
      role: 'system',
      content: 'You are a careful assistant. Answer briefly and use tools when useful.',
    },
    { role: 'user', content: 'What is the weather in Paris and in Rome today?' },
    {
      role: 'assistant',
      content: 'Let me check both.',
      tool_calls: [
        {
          id: 'call_1',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
        },
        {
          id: 'call_2',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Rome","unit":"c"}' },
        },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: 'Sunny, 24°C' },
    { role: 'tool', tool_call_id: 'call_2', content: 'Cloudy, 19°C' },
    { role: 'assistant', content: 'Paris is sunny (24°C); Rome is cloudy (19°C).' },
    {
      role: 'user',
      content: [{ type: 'text', text: 'Thanks. Find the docs page about umbrellas.' }],
    },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_3',
          type: 'function',
          function: { name: 'search_docs', arguments: '{"query":"umbrella","limit":3}' },
        },
      ],
    },
    {
      role: 'tool',
      tool_call_id: 'call_3',
      content: '[{"title":"Umbrellas 101","path":"docs/umbrellas.md"}]',
    },
    { role: 'user', content: 'Open the first result.' },
  ],
};
export const anthropicRequest = {
  model: 'gpt-4.1',
  max_tokens: 1024,
  temperature: 0.7,
  stream: true,
  system: [
    {
      type: 'text',
      text: 'You are a careful assistant. Answer briefly and use tools when useful.',
      cache_control: { type: 'ephemeral' },
    },
  ],
  tools: tools.map(({ function: tool }) => ({
    name: tool.name,
    description: tool.description,
    input_schema: tool.parameters,
  })),
  messages: [
    { role: 'user', content: 'What is the weather in Paris and in Rome today?' },
    {
      role: 'assistant',
      content: [
        { type: 'text', text: 'Let me check both.' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
        {
          type: 'tool_use',
          id: 'toolu_2',
          name: 'get_weather',
          input: { city: 'Rome', unit: 'c' },
        },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: 'Sunny, 24°C' },
        { type: 'tool_result', tool_use_id: 'toolu_2', content: 'Cloudy, 19°C' },
      ],
    },
    { role: 'assistant', content: 'Paris is sunny (24°C); Rome is cloudy (19°C).' },
    {
      role: 'user',
      content: [{ type: 'text', text: 'Thanks. Find the docs page about umbrellas.' }],
    },
    {
      role: 'assistant',
      content: [
        {
          type: 'tool_use',
          id: 'toolu_3',
          name: 'search_docs',
          input: { query: 'umbrella', limit: 3 },
        },
      ],
    },
    {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'toolu_3',
          content: '[{"title":"Umbrellas 101","path":"docs/umbrellas.md"}]',
        },
        { type: 'text', text: 'Open the first result.' },
      ],
    },
    { role: 'assistant', content: 'Opening it now.' },
    { role: 'user', content: 'Go on.' },
    {
      role: 'assistant',
      content: [
        {
          type: 'tool_use',
          id: 'toolu_4',
          name: 'read_file',
          input: { path: 'docs/umbrellas.md' },
        },
      ],
    },
  ],
};
anthropicRequest.messages.push({
  role: 'user',
  content: [{ type: 'tool_result', tool_use_id: 'toolu_4', content: '# Umbrellas 101' }],
});

// ------------------------------------------------------------------ streams

const sentence = 'The quick brown fox jumps over the lazy dog; 快速的棕色狐狸 🚀. ';
function anthropicEvent(type, body) {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;
}
export function buildAnthropicStream() {
  const events = [
    anthropicEvent('message_start', {
      message: {
        id: 'msg_bench',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: 812,
          cache_read_input_tokens: 0,
          cache_creation_input_tokens: 0,
          output_tokens: 1,
        },
      },
    }),
  ];
  events.push(
    anthropicEvent('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
  );
  for (let index = 0; index < 200; index++) {
    events.push(
      anthropicEvent('content_block_delta', {
        index: 0,
        delta: { type: 'text_delta', text: sentence.slice(index % 20, (index % 20) + 12) },
      }),
    );
  }
  events.push(anthropicEvent('content_block_stop', { index: 0 }));
  events.push(
    anthropicEvent('content_block_start', {
      index: 1,
      content_block: { type: 'tool_use', id: 'toolu_bench', name: 'read_file', input: {} },
    }),
  );
  for (let index = 0; index < 40; index++) {
    events.push(
      anthropicEvent('content_block_delta', {
        index: 1,
        delta: {
          type: 'input_json_delta',
          partial_json: index === 0 ? '{"path":"' : 'docs/umbrel',
        },
      }),
    );
  }
  events.push(
    anthropicEvent('content_block_delta', {
      index: 1,
      delta: { type: 'input_json_delta', partial_json: '.md"}' },
    }),
  );
  events.push(anthropicEvent('content_block_stop', { index: 1 }));
  events.push(
    anthropicEvent('message_delta', {
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: 300 },
    }),
  );
  events.push(anthropicEvent('message_stop', {}));
  return events;
}
function openAIChunk(delta, finish = null) {
  return `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1767225600, model: 'gpt-4.1', service_tier: 'default', system_fingerprint: 'fp_1', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null })}\n\n`;
}
export function buildOpenAIStream() {
  const events = [openAIChunk({ role: 'assistant', content: '', refusal: null })];
  for (let index = 0; index < 200; index++)
    events.push(openAIChunk({ content: sentence.slice(index % 20, (index % 20) + 12) }));
  events.push(
    openAIChunk({
      tool_calls: [
        {
          index: 0,
          id: 'call_bench',
          type: 'function',
          function: { name: 'read_file', arguments: '' },
        },
      ],
    }),
  );
  for (let index = 0; index < 40; index++) {
    events.push(
      openAIChunk({
        tool_calls: [
          { index: 0, function: { arguments: index === 0 ? '{"path":"' : 'docs/umbrel' } },
        ],
      }),
    );
  }
  events.push(openAIChunk({ tool_calls: [{ index: 0, function: { arguments: '.md"}' } }] }));
  events.push(openAIChunk({}, 'tool_calls'));
  events.push(
    `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1767225600, model: 'gpt-4.1', choices: [], usage: { prompt_tokens: 812, completion_tokens: 300, total_tokens: 1112 } })}\n\n`,
  );
  events.push('data: [DONE]\n\n');
  return events;
}
