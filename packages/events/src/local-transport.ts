import { decodeDeadLetterHeaders, encodeDeadLetterHeaders, resolveDeadLetterTopic, type DeadLetter } from './dead-letter';
import { deliverWithRetries, deliveryDefaults } from './deliver-with-retries';
import { encodeEnvelope, envelopeHeaders } from './envelope';
import type { EventHandler, EventTransport, OutgoingMessage, SubscribeOptions, Subscription } from './event-transport';
import { LocalTopicLog, type StoredMessage } from './local-topic-log';
import { errorMessage, silentLogger, type EventsLogger } from './logger';

export interface LocalTransportOptions {
  /** Receives dead-letter and retry reports. @default silent */
  logger?: EventsLogger;
  /**
   * Messages kept per topic however far behind a group is (what Kafka retention does), so a
   * dead-letter topic nobody reads cannot grow the embedded process without bound.
   * @default 10000
   */
  maxRetainedPerTopic?: number;
}

interface Member {
  groupId: string;
  topics: Set<string>;
  handler: EventHandler;
  maxAttempts: number;
  retryBackoffMs: number;
  deadLetterTopic: (topic: string) => string;
  stopping: boolean;
  inFlight: Set<Promise<boolean>>;
}

interface Group {
  members: Set<Member>;
  /** Committed offset per topic: the next message the group will be given. */
  offsets: Map<string, number>;
  pumping: Set<string>;
}

/**
 * In-process adapter for the embedded single-process mode, with Kafka's semantics: every group
 * gets every message, one member at a time, asynchronously and in order; failures are retried
 * and then dead-lettered to an inspectable topic. Each topic behaves like one partition.
 */
export class LocalTransport implements EventTransport {
  private readonly logs = new Map<string, LocalTopicLog>();
  private readonly groups = new Map<string, Group>();
  private readonly logger: EventsLogger;
  private readonly maxRetained: number;
  private closed = false;

  constructor(options: LocalTransportOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.maxRetained = options.maxRetainedPerTopic ?? 10_000;
    if (!Number.isInteger(this.maxRetained) || this.maxRetained < 1) throw new Error('LocalTransport: maxRetainedPerTopic must be an integer >= 1');
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    // Validate the whole batch first so a bad message cannot leave half of it published.
    const encoded = messages.map(({ topic, key, envelope }) => {
      if (!topic || !key) throw new Error('LocalTransport.publish: topic and key are required');
      return { topic, key, value: encodeEnvelope(envelope), headers: envelopeHeaders(envelope) };
    });
    for (const { topic, ...message } of encoded) this.append(topic, message);
  }

  /** Appends a message exactly as given, as if it came off the wire (tests, replay tools). */
  publishRaw(topic: string, key: string | null, value: string, headers: Record<string, string> = {}): void {
    this.assertOpen();
    this.append(topic, { key, value, headers });
  }

  /** The messages retained on a dead-letter topic, with why they were dead-lettered. */
  deadLetters(topic: string): DeadLetter[] {
    return this.log(topic)
      .all()
      .map((message) => ({ key: message.key, value: message.value, ...decodeDeadLetterHeaders(message.headers) }));
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.assertOpen();
    const { maxAttempts, retryBackoffMs } = deliveryDefaults(options);
    const member: Member = {
      groupId: options.groupId,
      topics: new Set(options.topics),
      handler: options.handler,
      maxAttempts,
      retryBackoffMs,
      deadLetterTopic: (topic) => resolveDeadLetterTopic(options.deadLetterTopic, topic),
      stopping: false,
      inFlight: new Set(),
    };
    const group = this.groups.get(options.groupId) ?? { members: new Set(), offsets: new Map(), pumping: new Set() };
    this.groups.set(options.groupId, group);
    group.members.add(member);
    for (const topic of member.topics) {
      const log = this.log(topic);
      if (!group.offsets.has(topic)) group.offsets.set(topic, (options.fromBeginning ?? true) ? log.start : log.end);
      this.schedule(group, topic);
    }
    return {
      stop: async () => {
        member.stopping = true;
        await Promise.allSettled(member.inFlight);
        group.members.delete(member);
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const members = [...this.groups.values()].flatMap((group) => [...group.members]);
    for (const member of members) member.stopping = true;
    await Promise.allSettled(members.flatMap((member) => [...member.inFlight]));
  }

  private append(topic: string, message: Omit<StoredMessage, 'offset'>): void {
    this.log(topic).append(message);
    for (const group of this.groups.values()) if (group.offsets.has(topic)) this.schedule(group, topic);
  }

  // Delivery is always on a later tick, so publishers never run consumer code (as with Kafka).
  private schedule(group: Group, topic: string): void {
    setImmediate(() => {
      this.pump(group, topic).catch((error: unknown) => this.logger.error({ topic, err: errorMessage(error) }, 'local transport pump failed'));
    });
  }

  /** Feeds one group's members the topic's messages, strictly one at a time and in order. */
  private async pump(group: Group, topic: string): Promise<void> {
    if (group.pumping.has(topic)) return;
    group.pumping.add(topic);
    try {
      for (;;) {
        const member = [...group.members].find((m) => !m.stopping && m.topics.has(topic));
        const log = this.log(topic);
        const offset = Math.max(group.offsets.get(topic) ?? log.start, log.start);
        const message = log.at(offset);
        if (!member || !message) return;
        const delivery = this.deliver(member, topic, message);
        member.inFlight.add(delivery);
        const committed = await delivery.finally(() => member.inFlight.delete(delivery));
        if (committed) {
          group.offsets.set(topic, offset + 1);
          this.trim(topic);
        }
      }
    } finally {
      group.pumping.delete(topic);
    }
  }

  /** Resolves true when the offset may be committed (handled or dead-lettered). */
  private async deliver(member: Member, topic: string, message: StoredMessage): Promise<boolean> {
    const meta = { topic, partition: 0, offset: String(message.offset), key: message.key, headers: message.headers };
    const policy = { ...member, isStopping: () => member.stopping, logger: this.logger };
    const outcome = await deliverWithRetries(message.value, meta, member.handler, policy);
    if (outcome.kind === 'abandoned') return false;
    if (outcome.kind === 'dead-letter') {
      const { error, attempts } = outcome;
      const info = { error, attempts, group: member.groupId, originalTopic: topic, originalPartition: 0, originalOffset: meta.offset };
      const headers = { ...message.headers, ...encodeDeadLetterHeaders(info) };
      this.append(member.deadLetterTopic(topic), { key: message.key, value: message.value, headers });
      this.logger.error({ ...info, deadLetterTopic: member.deadLetterTopic(topic) }, 'event dead-lettered');
    }
    return true;
  }

  private trim(topic: string): void {
    const offsets = [...this.groups.values()].flatMap((group) => group.offsets.get(topic) ?? []);
    if (offsets.length > 0) this.log(topic).trimTo(Math.min(...offsets));
  }

  private log(topic: string): LocalTopicLog {
    let log = this.logs.get(topic);
    if (!log) this.logs.set(topic, (log = new LocalTopicLog(this.maxRetained)));
    return log;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('LocalTransport is closed');
  }
}
