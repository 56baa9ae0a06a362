import type { Logger } from '@shop/subgraph-kit';

export interface ExpirySweeper {
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * Calls `sweep` every `intervalMs` (never two at once in this process; other processes may sweep
 * at the same time, which releaseExpired makes safe). A failing sweep is logged and retried on
 * the next tick. `intervalMs` 0 disables sweeping.
 */
export function startExpirySweeper(sweep: () => Promise<unknown>, intervalMs: number, logger: Logger): ExpirySweeper {
  if (!Number.isInteger(intervalMs) || intervalMs < 0) throw new Error('inventory: reservationSweepIntervalMs must be an integer >= 0');
  if (intervalMs === 0) return { stop: async () => {} };
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = sweep()
      .then(() => undefined)
      .catch((error: unknown) => logger.error({ err: error }, 'inventory: releasing expired reservations failed'))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
