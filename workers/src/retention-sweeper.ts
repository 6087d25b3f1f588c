/**
 * @module retention-sweeper
 * Deletes request logs (and usage facts) older than LLMFB_LOG_RETENTION_DAYS: at start and then
 * hourly. MongoDB also has TTL indexes; this sweep is what SQLite relies on, and a safety net
 * for servers that accept TTL indexes without enforcing them.
 */
import type { AnalyticsStore, Logger } from '@llmfb/shared';

export interface RetentionSweeperOptions {
  readonly analyticsStore: AnalyticsStore;
  readonly logger: Logger;
  readonly retentionDays: number;
  /** Default one hour. */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

export function startRetentionSweeper(options: RetentionSweeperOptions): { stop(): Promise<void> } {
  const logger = options.logger.child({ component: 'retention' });
  const now = options.now ?? Date.now;
  let running: Promise<void> | undefined;

  function sweep(): void {
    if (running) return;
    const before = new Date(now() - options.retentionDays * 86_400_000);
    running = options.analyticsStore
      .purgeBefore(before)
      .then((result) => {
        if (result.requestLogs > 0 || result.usageFacts > 0) {
          logger.info(
            { before: before.toISOString(), ...result },
            'expired analytics rows deleted',
          );
        }
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'retention sweep failed; will retry'))
      .finally(() => {
        running = undefined;
      });
  }

  sweep();
  const timer = setInterval(sweep, options.intervalMs ?? 3_600_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
