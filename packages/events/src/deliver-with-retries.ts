import { decodeEnvelope, InvalidEventError } from './envelope';
import type { DeliveryMeta, EventHandler, SubscribeOptions } from './event-transport';
import { errorMessage, type EventsLogger } from './logger';

/** What happened to one message; the adapter commits on `handled`/`dead-letter`, not on `abandoned`. */
export type DeliveryOutcome = { kind: 'handled' } | { kind: 'dead-letter'; error: string; attempts: number } | { kind: 'abandoned' };

export interface DeliveryPolicy {
  maxAttempts: number;
  retryBackoffMs: number;
  /** True once the subscription is stopping: the message is left uncommitted for the next member. */
  isStopping: () => boolean;
  /** Kafka needs heartbeats while a handler is retried so the member is not evicted. */
  heartbeat?: () => Promise<void>;
  logger: EventsLogger;
}

/** Validates the subscribe options both adapters accept and fills the defaults. */
export function deliveryDefaults(options: SubscribeOptions): { maxAttempts: number; retryBackoffMs: number } {
  const { groupId, topics, maxAttempts = 5, retryBackoffMs = 200 } = options;
  if (!groupId) throw new Error('subscribe: groupId is required');
  if (topics.length === 0 || topics.some((topic) => !topic)) throw new Error(`subscribe(${groupId}): topics must be non-empty names`);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`subscribe(${groupId}): maxAttempts must be an integer >= 1`);
  if (!(retryBackoffMs >= 0)) throw new Error(`subscribe(${groupId}): retryBackoffMs must be >= 0`);
  if (typeof options.handler !== 'function') throw new Error(`subscribe(${groupId}): handler must be a function`);
  return { maxAttempts, retryBackoffMs };
}

/**
 * The delivery semantics both adapters share: parse, run the handler, retry with exponential
 * backoff, give up into the dead-letter topic. A message that is not a valid event (or that the
 * handler rejects with InvalidEventError) is dead-lettered at once: retrying cannot fix it.
 */
export async function deliverWithRetries(
  value: string | Buffer | null,
  meta: Omit<DeliveryMeta, 'attempt'>,
  handler: EventHandler,
  policy: DeliveryPolicy,
): Promise<DeliveryOutcome> {
  let envelope;
  try {
    envelope = decodeEnvelope(value);
  } catch (error) {
    return { kind: 'dead-letter', error: errorMessage(error), attempts: 0 };
  }
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1 && policy.isStopping()) return { kind: 'abandoned' };
    try {
      await handler(envelope, { ...meta, attempt });
      return { kind: 'handled' };
    } catch (error) {
      const message = errorMessage(error);
      if (error instanceof InvalidEventError || attempt >= policy.maxAttempts) {
        return { kind: 'dead-letter', error: message, attempts: attempt };
      }
      policy.logger.warn({ err: message, eventId: envelope.id, type: envelope.type, attempt, topic: meta.topic }, 'event handler failed; retrying');
      await backoff(policy.retryBackoffMs * 2 ** (attempt - 1), policy);
    }
  }
}

// Sleeps in slices so a stopping subscription does not wait out a long backoff and Kafka keeps
// receiving heartbeats.
async function backoff(ms: number, policy: DeliveryPolicy): Promise<void> {
  const until = Date.now() + ms;
  while (!policy.isStopping()) {
    const left = until - Date.now();
    if (left <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, 500)));
    await policy.heartbeat?.();
  }
}
