/**
 * The logger interface the shared code depends on. pino implements it in the services; tests pass
 * `silentLogger`. Every call takes a message plus an optional structured `extra` object.
 */
export interface Logger {
  debug(extra: object, message?: string): void;
  info(extra: object, message?: string): void;
  warn(extra: object, message?: string): void;
  error(extra: object, message?: string): void;
  child(bindings: object): Logger;
}

const noop = () => {};

export const silentLogger: Logger = {
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => silentLogger,
};
