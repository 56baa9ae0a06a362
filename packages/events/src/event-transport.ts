import type { EventEnvelope } from './envelope';

/** One event to publish. */
export interface OutgoingMessage {
  topic: string;
  /** Partitioning key: the aggregate id, so one aggregate's events stay in order. */
  key: string;
  envelope: EventEnvelope;
}

/** Where a delivered message came from, for logs and for handlers that care. */
export interface DeliveryMeta {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** 1 on first delivery to this consumer instance, counting up on each retry. */
  attempt: number;
  headers: Record<string, string>;
}

/** One message of a batch: the parsed event and where it came from. */
export interface Delivery {
  envelope: EventEnvelope;
  meta: DeliveryMeta;
}

/**
 * Handles consecutive events of one partition at once, in order (one transaction for all of them,
 * typically). If it throws, nothing of the batch may have taken effect: the transport then hands
 * the same events to the handler itself one by one, with retries, so a poison event is
 * dead-lettered alone while the others are handled.
 */
export type BatchEventHandler = (deliveries: Delivery[]) => Promise<void>;

/**
 * Handles one event. With a `batch` method, a transport that receives several events of a
 * partition together (Kafka) may hand them over at once instead.
 */
export type EventHandler = ((envelope: EventEnvelope, meta: DeliveryMeta) => Promise<void>) & { batch?: BatchEventHandler };

export interface SubscribeOptions {
  /** Consumer group: every group gets every message once; members of a group share the work. */
  groupId: string;
  topics: string[];
  handler: EventHandler;
  /**
   * Deliveries of one message (first try included) before it is dead-lettered; bounded so one
   * poison event cannot stall its partition forever.
   * @default 5
   */
  maxAttempts?: number;
  /**
   * Wait before retry n is `retryBackoffMs * 2^(n-1)`; transient failures (a deadlock, a blip)
   * usually clear within a few hundred milliseconds.
   * @default 200
   */
  retryBackoffMs?: number;
  /**
   * Where messages that exhausted their attempts (or are not valid events) go, with the error
   * in the headers. A function receives the source topic.
   * @default (topic) => `${topic}.dlq`
   */
  deadLetterTopic?: string | ((topic: string) => string);
  /**
   * Where a group with no committed offset starts. From the beginning, so a group created after
   * events were published (first deploy, start-up race) does not silently miss them; the inbox
   * makes the replay harmless.
   * @default true
   */
  fromBeginning?: boolean;
}

export interface Subscription {
  /** Leaves the group after the message in flight; uncommitted messages go to the next member. */
  stop(): Promise<void>;
}

/** The port every event transport implements: Kafka in services mode, in-process when embedded. */
export interface EventTransport {
  /** Resolves once every message is durably accepted (all in-sync replicas on Kafka). */
  publish(messages: OutgoingMessage[]): Promise<void>;
  /** Starts consuming; the handler runs for one message at a time per partition, in order. */
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Stops every subscription and releases connections. */
  close(): Promise<void>;
}
