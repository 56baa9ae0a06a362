import type { Delivery, DeliveryMeta, EventEnvelope, EventTransport } from '@shop/events';

/**
 * Counts Kafka message deliveries while switched on: every message the shop publishes (produced)
 * and every message a consumer group is handed (consumed, skipped types included: a participant
 * that reads and ignores another's traffic still pays for the delivery).
 */
export class DeliveryCounter {
  private produced = 0;
  private consumed = 0;
  private readonly byTopic = new Map<string, { produced: number; consumed: number }>();
  private on = false;

  /** Wraps the shop's transport (pass to `startServicesShop({ wrapTransport })`). */
  readonly wrap = (inner: EventTransport): EventTransport => ({
    publish: async (messages) => {
      await inner.publish(messages);
      if (!this.on) return;
      this.produced += messages.length;
      for (const { topic } of messages) this.topic(topic).produced++;
    },
    subscribe: (options) => {
      const { handler } = options;
      // Counted once per delivery, not per retry (a retry is the same delivery) nor again when a
      // failed batch is handed over one by one.
      const seen = new Set<string>();
      const count = (meta: DeliveryMeta) => {
        const id = `${meta.topic}/${meta.partition}/${meta.offset}`;
        if (!this.on || seen.has(id)) return;
        seen.add(id);
        this.consumed++;
        this.topic(meta.topic).consumed++;
      };
      const counted = async (envelope: EventEnvelope, meta: DeliveryMeta) => {
        count(meta);
        await handler(envelope, meta);
      };
      const batch = handler.batch;
      return inner.subscribe({
        ...options,
        handler: batch
          ? Object.assign(counted, {
              batch: async (deliveries: Delivery[]) => {
                for (const { meta } of deliveries) count(meta);
                await batch(deliveries);
              },
            })
          : counted,
      });
    },
    close: () => inner.close(),
  });

  start(): void {
    this.produced = 0;
    this.consumed = 0;
    this.byTopic.clear();
    this.on = true;
  }

  stop(): void {
    this.on = false;
  }

  perOrder(orders: number) {
    const byTopic = [...this.byTopic]
      .map(([topic, { produced, consumed }]) => ({ topic, produced: produced / orders, consumed: consumed / orders }))
      .sort((a, b) => b.produced + b.consumed - (a.produced + a.consumed));
    return { produced: this.produced / orders, consumed: this.consumed / orders, total: (this.produced + this.consumed) / orders, byTopic };
  }

  private topic(name: string) {
    // Consumers see the shop's namespaced topic names; report them as the contracts name them.
    const topic = name.replace(/^shop-[^.]+\./, '');
    let counts = this.byTopic.get(topic);
    if (!counts) this.byTopic.set(topic, (counts = { produced: 0, consumed: 0 }));
    return counts;
  }
}
