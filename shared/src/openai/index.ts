/** OpenAI Chat Completions wire types (minimal, hand-written; STYLE.md §10.1). */
export * from './chat-message';
export * from './chat-request';
