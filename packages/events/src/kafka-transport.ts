import { Kafka, Partitioners, type ConsumerConfig, type IHeaders, type Producer } from 'kafkajs';
import { encodeDeadLetterHeaders, resolveDeadLetterTopic } from './dead-letter';
import { deliveryDefaults } from './deliver-with-retries';
import { consumeBatch } from './kafka-batch';
import { encodeEnvelope, envelopeHeaders } from './envelope';
import type { EventTransport, OutgoingMessage, SubscribeOptions, Subscription } from './event-transport';
import { kafkaLogCreator, kafkaLogLevels, type KafkaLogLevel } from './kafka-log-creator';
import { KafkaTopics, type TopicCreationOptions } from './kafka-topics';
import { errorMessage, silentLogger, type EventsLogger } from './logger';
import { superviseConsumer, type StartConsumer } from './supervised-consumer';

export interface KafkaTransportOptions {
  /** `host:port` of one or more brokers; the rest of the cluster is discovered from them. */
  brokers: string[];
  /** Names this process in broker logs and quotas. @default 'shop' */
  clientId?: string;
  /** Receives kafkajs' logs and dead-letter/retry reports. @default silent */
  logger?: EventsLogger;
  /** kafkajs' own verbosity (only with a logger): `info` narrates every group join. @default 'warn' */
  logLevel?: KafkaLogLevel;
  /**
   * Consumer group timings. Tests lower them so joins and fail-over take a second instead of
   * the 30 s defaults. @default kafkajs defaults
   */
  consumer?: Pick<ConsumerConfig, 'sessionTimeout' | 'heartbeatInterval' | 'rebalanceTimeout' | 'maxWaitTimeInMs'>;
  /**
   * Create missing topics and their dead-letter topics on first use; `false` where topics are
   * provisioned by infrastructure and the client may not create them. @default {}
   */
  createTopics?: TopicCreationOptions | false;
  /** Per-broker connect timeout; low so a missing broker fails a start-up quickly. @default 3000 */
  connectionTimeout?: number;
  /**
   * Partitions a subscription handles at once. Order holds within a partition (one aggregate's
   * events stay in sequence); distinct partitions (other orders) proceed side by side, so one slow
   * transaction does not hold up every other aggregate. @default 4
   */
  partitionsConsumedConcurrently?: number;
}

const brokerPattern = /^[^\s:]+:\d{1,5}$/;

/**
 * Kafka adapter: an idempotent producer writing to all in-sync replicas, consumer groups that
 * commit an offset only once its message is handled or dead-lettered.
 */
export class KafkaTransport implements EventTransport {
  private readonly kafka: Kafka;
  private readonly topics: KafkaTopics | undefined;
  private readonly logger: EventsLogger;
  private producer: Promise<Producer> | undefined;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(private readonly options: KafkaTransportOptions) {
    const { brokers } = options;
    if (!Array.isArray(brokers) || brokers.length === 0) throw new Error('KafkaTransport: brokers must list at least one host:port');
    const bad = brokers.filter((broker) => !brokerPattern.test(broker));
    if (bad.length > 0) throw new Error(`KafkaTransport: invalid broker address ${bad.join(', ')} (expected host:port)`);
    this.logger = options.logger ?? silentLogger;
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'shop',
      brokers,
      connectionTimeout: options.connectionTimeout ?? 3000,
      logLevel: options.logger ? kafkaLogLevels[options.logLevel ?? 'warn'] : kafkaLogLevels.error,
      logCreator: kafkaLogCreator(options.logger),
    });
    this.topics = options.createTopics === false ? undefined : new KafkaTopics(this.kafka, options.createTopics ?? {});
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    if (messages.length === 0) return;
    await this.topics?.ensure(messages.map((message) => message.topic));
    const byTopic = new Map<string, { key: string; value: string; headers: IHeaders }[]>();
    for (const { topic, key, envelope } of messages) {
      const headers: IHeaders = envelopeHeaders(envelope);
      const list = byTopic.get(topic) ?? [];
      list.push({ key, value: encodeEnvelope(envelope), headers });
      byTopic.set(topic, list);
    }
    await this.withProducer((producer) => producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })) }));
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.assertOpen();
    const { maxAttempts, retryBackoffMs } = deliveryDefaults(options);
    const { groupId, topics, handler } = options;
    const deadLetterTopic = (topic: string) => resolveDeadLetterTopic(options.deadLetterTopic, topic);
    await this.topics?.ensure([...topics, ...topics.map(deadLetterTopic)]);
    await this.connectedProducer();
    let stopping = false;
    const start: StartConsumer = async (onDead) => {
      const consumer = this.kafka.consumer({ groupId, ...this.options.consumer, allowAutoTopicCreation: false });
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        this.logger.error({ groupId, err: payload.error.message, restart: payload.restart }, 'kafka consumer crashed');
        if (!payload.restart) onDead(payload.error);
      });
      await consumer.connect();
      try {
        await consumer.subscribe({ topics, fromBeginning: options.fromBeginning ?? true });
        await consumer.run({
          partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 4,
          // Offsets are committed by hand, only after messages were handled or dead-lettered.
          autoCommit: false,
          eachBatchAutoResolve: false,
          eachBatch: (payload) =>
            consumeBatch(payload, {
              handler,
              groupId,
              policy: { maxAttempts, retryBackoffMs, isStopping: () => stopping, logger: this.logger },
              logger: this.logger,
              deadLetter: async (topic, partition, message, { error, attempts }) => {
                const info = { error, attempts, group: groupId, originalTopic: topic, originalPartition: partition, originalOffset: message.offset };
                // Throws when Kafka refuses it: kafkajs then redelivers the message, so nothing is lost.
                await this.withProducer((producer) =>
                  producer.send({
                    topic: deadLetterTopic(topic),
                    acks: -1,
                    messages: [{ key: message.key, value: message.value, headers: { ...message.headers, ...encodeDeadLetterHeaders(info) } }],
                  }),
                );
                this.logger.error({ ...info, deadLetterTopic: deadLetterTopic(topic) }, 'event dead-lettered');
              },
              commit: (topic, partition, offset) => consumer.commitOffsets([{ topic, partition, offset }]),
            }),
        });
      } catch (error) {
        await consumer.disconnect().catch(() => undefined);
        throw error;
      }
      return { stop: () => consumer.disconnect() };
    };
    const supervised = await superviseConsumer(start, { logger: this.logger, label: groupId });
    const subscription: Subscription = {
      stop: async () => {
        stopping = true;
        this.subscriptions.delete(subscription);
        await supervised.stop();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.subscriptions].map((subscription) => subscription.stop()));
    const producer = this.producer;
    this.producer = undefined;
    await Promise.allSettled([producer?.then((p) => p.disconnect()), this.topics?.close()]);
  }

  /**
   * Sends with the shared producer; after a failed send the producer is replaced by a new one.
   * An idempotent producer numbers its batches per partition, and kafkajs rewinds a partition's
   * number when a request fails even if the broker had written the batch (a broker stopping with
   * the request in flight). The next, different batch then reuses numbers the broker already
   * holds: it is refused as out of order on every retry (that outbox stalls for good) or taken for
   * a duplicate and silently dropped. A new producer gets a new producer id and fresh numbers;
   * what the failed send may have written is at worst delivered twice, which the inbox absorbs.
   */
  private async withProducer<T>(send: (producer: Producer) => Promise<T>): Promise<T> {
    const connecting = this.connectedProducer();
    const producer = await connecting;
    try {
      return await send(producer);
    } catch (error) {
      if (this.producer === connecting) {
        this.producer = undefined;
        this.logger.warn({ err: errorMessage(error) }, 'kafka send failed; replacing the producer');
        producer.disconnect().catch(() => undefined);
      }
      throw error;
    }
  }

  private connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      // maxInFlightRequests 1 keeps per-partition order across kafkajs' internal retries.
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
      const connecting = producer.connect().then(() => producer);
      // Forget a failed connect so the next call tries again instead of failing forever.
      connecting.catch(() => {
        if (this.producer === connecting) this.producer = undefined;
      });
      this.producer = connecting;
    }
    return this.producer;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('KafkaTransport is closed');
  }
}
