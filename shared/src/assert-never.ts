/** Ends an exhaustive `switch`: a new union member becomes a compile error here. */
export function assertNever(value: never, message = 'Unexpected value'): never {
  throw new Error(`${message}: ${JSON.stringify(value)}`);
}
