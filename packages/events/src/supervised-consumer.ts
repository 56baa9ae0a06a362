import { errorMessage, type EventsLogger } from './logger';
import type { Subscription } from './event-transport';

/** One running consumer; `stop` leaves its group. */
export interface ConsumerRun {
  stop(): Promise<void>;
}

/** Starts a consumer and calls `onDead` if it ever stops for good on its own. */
export type StartConsumer = (onDead: (error: Error) => void) => Promise<ConsumerRun>;

export interface SupervisorOptions {
  logger: EventsLogger;
  /** Names the consumer in logs (its group id). */
  label: string;
  /** First wait before a replacement starts; doubled after each failed start. @default 1000 */
  initialBackoffMs?: number;
  /** @default 30_000 */
  maxBackoffMs?: number;
}

/**
 * Keeps a consumer running for as long as its subscription lasts. kafkajs restarts a crashed
 * consumer only when the crash was retriable; after any other crash (seen around broker restarts)
 * the group member is gone and its partitions stall until the process restarts. Here a dead
 * consumer is replaced by a new one, with a growing backoff while starts fail. The first start is
 * not retried: a subscription that cannot start fails loudly to its caller.
 */
export async function superviseConsumer(start: StartConsumer, options: SupervisorOptions): Promise<Subscription> {
  const { logger, label, initialBackoffMs = 1_000, maxBackoffMs = 30_000 } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let backoffMs = initialBackoffMs;
  let generation = 0;

  const onDeadOf = (mine: number) => (error: Error) => {
    if (stopped || mine !== generation) return;
    generation++;
    logger.error({ groupId: label, err: errorMessage(error), retryInMs: backoffMs }, 'kafka consumer gave up; starting a new one');
    schedule();
  };
  const schedule = () => {
    const wait = backoffMs;
    backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
    timer = setTimeout(() => {
      timer = undefined;
      if (stopped) return;
      const mine = generation;
      start(onDeadOf(mine)).then(
        async (run) => {
          if (stopped) return run.stop();
          current = run;
          backoffMs = initialBackoffMs;
        },
        (error: unknown) => {
          generation++;
          logger.error({ groupId: label, err: errorMessage(error), retryInMs: backoffMs }, 'kafka consumer could not start; retrying');
          if (!stopped) schedule();
        },
      );
    }, wait);
  };

  let current = await start(onDeadOf(generation));
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current.stop();
    },
  };
}
