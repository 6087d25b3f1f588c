/** Anthropic Messages wire types (minimal, hand-written; STYLE.md §10.1). */
export * from './content-blocks';
export * from './messages-request';
