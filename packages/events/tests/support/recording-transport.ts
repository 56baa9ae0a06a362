import type { EventTransport, OutgoingMessage, Subscription } from '../../src';

/**
 * A fake transport for relay tests: records every accepted batch and can be told to fail or to
 * hold a publish open (to stop a relay mid-batch).
 */
export class RecordingTransport implements EventTransport {
  readonly batches: OutgoingMessage[][] = [];
  /** Number of upcoming publish calls that throw. */
  failNext = 0;
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;
  publishCalls = 0;

  /** @param journal shared by several transports to see the global order of accepted messages */
  constructor(private readonly journal: string[] = []) {}

  get published(): OutgoingMessage[] {
    return this.batches.flat();
  }

  /** Makes the next publish calls wait until the returned function is called. */
  hold(): () => void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
    return () => {
      this.gate = undefined;
      this.openGate?.();
    };
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    this.publishCalls++;
    await this.gate;
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('broker down');
    }
    this.batches.push(structuredClone(messages));
    this.journal.push(...messages.map((message) => message.envelope.id));
  }

  async subscribe(): Promise<Subscription> {
    throw new Error('RecordingTransport does not consume');
  }

  async close(): Promise<void> {}
}
