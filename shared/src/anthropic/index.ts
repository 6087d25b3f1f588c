/** Anthropic Messages wire types (minimal, hand-written; STYLE.md §10.1). */
export * from './content-blocks';
export * from './messages-request';
export * from './message';
export * from './stream-event';
export * from './error-body';
export * from './models';
