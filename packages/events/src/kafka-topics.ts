import type { Admin, Kafka } from 'kafkajs';

export interface TopicCreationOptions {
  /**
   * Partitions of a topic this package creates: the unit of parallelism per consumer group.
   * @default 3
   */
  numPartitions?: number;
  /** Replicas per partition; -1 takes the broker's `default.replication.factor`. @default -1 */
  replicationFactor?: number;
}

/**
 * Creates each topic once per process before it is used. Relying on broker auto-creation instead
 * would give topics the broker's default partition count and lets a consumer subscribe to a topic
 * that does not exist yet, which kafkajs reports as an error loop rather than waiting.
 */
export class KafkaTopics {
  private admin: Promise<Admin> | undefined;
  private readonly ready = new Map<string, Promise<void>>();
  private readonly numPartitions: number;
  private readonly replicationFactor: number;

  constructor(
    private readonly kafka: Kafka,
    options: TopicCreationOptions,
  ) {
    this.numPartitions = options.numPartitions ?? 3;
    this.replicationFactor = options.replicationFactor ?? -1;
    if (!Number.isInteger(this.numPartitions) || this.numPartitions < 1) throw new Error('KafkaTopics: numPartitions must be an integer >= 1');
  }

  async ensure(topics: string[]): Promise<void> {
    const missing = [...new Set(topics)].filter((topic) => !this.ready.has(topic));
    if (missing.length > 0) {
      const creation = this.create(missing);
      for (const topic of missing) this.ready.set(topic, creation);
      // A failed attempt must not be remembered: the next publish/subscribe tries again.
      creation.catch(() => {
        for (const topic of missing) if (this.ready.get(topic) === creation) this.ready.delete(topic);
      });
    }
    await Promise.all(topics.map((topic) => this.ready.get(topic)));
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    if (admin) await admin.then((a) => a.disconnect()).catch(() => undefined);
  }

  private async create(topics: string[]): Promise<void> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      this.admin = admin.connect().then(() => admin);
      this.admin.catch(() => (this.admin = undefined));
    }
    const admin = await this.admin;
    for (let attempt = 1; ; attempt++) {
      try {
        // Resolves false (no throw) for topics that already exist, e.g. created by another process.
        await admin.createTopics({
          waitForLeaders: true,
          topics: topics.map((topic) => ({ topic, numPartitions: this.numPartitions, replicationFactor: this.replicationFactor })),
        });
        await this.untilLed(admin, topics);
        return;
      } catch (error) {
        // A broker that has just started (or created the topics a moment ago) can answer the wait
        // for leaders with UNKNOWN_TOPIC_OR_PARTITION before its metadata catches up; kafkajs
        // retries only LEADER_NOT_AVAILABLE. Ask again: the topics that exist are left alone.
        if (!metadataLag.has((error as { type?: string }).type ?? '') || attempt >= 8) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  /**
   * When another process created some of the topics a moment before, kafkajs answers "already
   * exists" and skips its wait for leaders, also for the topics this call did create: a consumer
   * subscribing right then gets UNKNOWN_TOPIC_OR_PARTITION and its process dies (seen with two
   * replicas starting side by side). So wait here until every partition of every topic has a leader.
   */
  private async untilLed(admin: Admin, topics: string[]): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const { topics: described } = await admin.fetchTopicMetadata({ topics });
        if (described.length === topics.length && described.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
      } catch (error) {
        if (!metadataLag.has((error as { type?: string }).type ?? '') || Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`KafkaTopics: no leader for every partition of ${topics.join(', ')} after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Answers a broker gives while its metadata has not caught up with a topic just created. */
const metadataLag = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);
