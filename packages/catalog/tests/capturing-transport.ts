import type { EventTransport, OutgoingMessage, Subscription } from '@shop/events';

/** A transport that keeps what it accepted and can refuse the next publishes (a broker outage). */
export class CapturingTransport implements EventTransport {
  readonly accepted: OutgoingMessage[] = [];
  failures = 0;

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('broker unavailable');
    }
    this.accepted.push(...messages);
  }

  subscribe(): Promise<Subscription> {
    throw new Error('CapturingTransport only publishes');
  }

  async close(): Promise<void> {}

  /** Waits until `done` holds for what was accepted (the relay polls, so this is eventual). */
  async until(done: (accepted: OutgoingMessage[]) => boolean, timeoutMs = 20_000): Promise<OutgoingMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.accepted)) {
      if (Date.now() > deadline) throw new Error(`timed out; accepted so far: ${JSON.stringify(this.accepted.map((m) => m.envelope.type))}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.accepted;
  }
}
