/** One message as the in-process transport keeps it: serialized, like on the wire. */
export interface StoredMessage {
  offset: number;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/**
 * An append-only log with offsets, the in-process stand-in for a single-partition Kafka topic.
 * Consumed heads are trimmed so a long-running embedded process does not keep every event.
 */
export class LocalTopicLog {
  private base = 0;
  private readonly messages: StoredMessage[] = [];

  constructor(private readonly maxRetained: number) {}

  /** Offset of the oldest retained message (where a new group starts). */
  get start(): number {
    return this.base;
  }

  /** Offset the next appended message will get. */
  get end(): number {
    return this.base + this.messages.length;
  }

  append(message: Omit<StoredMessage, 'offset'>): StoredMessage {
    const stored = { ...message, offset: this.end };
    this.messages.push(stored);
    if (this.messages.length > this.maxRetained) this.trimTo(this.end - this.maxRetained);
    return stored;
  }

  at(offset: number): StoredMessage | undefined {
    return this.messages[offset - this.base];
  }

  all(): readonly StoredMessage[] {
    return this.messages;
  }

  /** Drops messages below `offset` (every group that reads this topic is past them). */
  trimTo(offset: number): void {
    const count = Math.min(offset - this.base, this.messages.length);
    if (count <= 0) return;
    this.messages.splice(0, count);
    this.base += count;
  }
}
