/** OpenAI Chat Completions wire types (minimal, hand-written; STYLE.md §10.1). */
export * from './chat-message';
export * from './chat-request';
export * from './chat-completion';
export * from './chat-chunk';
export * from './error-body';
export * from './models';
