import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { DeliveryOutcome, DeliveryPolicy } from './deliver-with-retries';
import { deliverWithRetries } from './deliver-with-retries';
import { decodeEnvelope, type EventEnvelope } from './envelope';
import type { Delivery, DeliveryMeta, EventHandler } from './event-transport';
import { errorMessage, type EventsLogger } from './logger';

export interface BatchConsumption {
  handler: EventHandler;
  groupId: string;
  policy: Omit<DeliveryPolicy, 'heartbeat'>;
  logger: EventsLogger;
  /** Sends one message that exhausted its attempts (or is no event) to the dead-letter topic. */
  deadLetter(topic: string, partition: number, message: KafkaMessage, outcome: Extract<DeliveryOutcome, { kind: 'dead-letter' }>): Promise<void>;
  /** Commits `offset` (the next one to read) for the batch's partition. */
  commit(topic: string, partition: number, offset: string): Promise<void>;
}

const next = (offset: string) => (BigInt(offset) + 1n).toString();

/**
 * One fetched batch of one partition. With a batch handler and more than one message, every
 * message is handed over at once and one offset commit covers them. If any message is not a valid
 * event, or the batch handler throws (its transaction rolled back), the messages go one by one
 * through the ordinary path: retries, and the dead-letter topic for the one that keeps failing,
 * an offset commit after each. The kafkajs offset is resolved only for what was committed, so a
 * stopping subscription leaves the rest to the next member.
 */
export async function consumeBatch(payload: EachBatchPayload, options: BatchConsumption): Promise<void> {
  const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
  const { topic, partition, messages } = batch;
  const { handler, policy } = options;
  const live = () => isRunning() && !isStale() && !policy.isStopping();
  if (messages.length === 0 || !live()) return;
  const metaOf = (message: KafkaMessage): Omit<DeliveryMeta, 'attempt'> => ({
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    headers: stringHeaders(message.headers),
  });

  if (handler.batch && messages.length > 1) {
    const deliveries = decodeAll(messages, metaOf);
    if (deliveries) {
      try {
        await handler.batch(deliveries);
        const last = messages[messages.length - 1]!.offset;
        await options.commit(topic, partition, next(last));
        resolveOffset(last);
        await heartbeat();
        return;
      } catch (error) {
        options.logger.warn(
          { err: errorMessage(error), groupId: options.groupId, topic, partition, events: messages.length },
          'event batch failed; handling its events one by one',
        );
      }
    }
  }

  for (const message of messages) {
    if (!live()) return;
    const outcome = await deliverWithRetries(message.value, metaOf(message), handler, { ...policy, heartbeat });
    if (outcome.kind === 'abandoned') return;
    if (outcome.kind === 'dead-letter') await options.deadLetter(topic, partition, message, outcome);
    await options.commit(topic, partition, next(message.offset));
    resolveOffset(message.offset);
    await heartbeat();
  }
}

/** Every message as a delivery, or null when one of them is not a valid event. */
function decodeAll(messages: KafkaMessage[], metaOf: (message: KafkaMessage) => Omit<DeliveryMeta, 'attempt'>): Delivery[] | null {
  const deliveries: Delivery[] = [];
  for (const message of messages) {
    let envelope: EventEnvelope;
    try {
      envelope = decodeEnvelope(message.value);
    } catch {
      return null;
    }
    deliveries.push({ envelope, meta: { ...metaOf(message), attempt: 1 } });
  }
  return deliveries;
}

export function stringHeaders(headers: KafkaMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return out;
}
