/**
 * @module with-timeout
 * `promise`, or a rejection with `message` after `ms` — whichever comes first. The timer is
 * cleared either way; the promise itself is not cancelled.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
