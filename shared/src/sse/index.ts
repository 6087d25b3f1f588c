/** Server-sent events: the upstream decoder and the client-side encoder (CONVERSION.md §4.1). */
export * from './decode-sse';
export * from './format-sse';
