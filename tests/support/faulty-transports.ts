import type { EventTransport, SubscribeOptions, Subscription } from '@shop/events';

/** `inner`, except that consumer group `groupId` subscribes through `subscribe`. */
export function overridingGroup(inner: EventTransport, groupId: string, subscribe: (options: SubscribeOptions) => Promise<Subscription>): EventTransport {
  return {
    publish: (messages) => inner.publish(messages),
    subscribe: (options) => (options.groupId === groupId ? subscribe(options) : inner.subscribe(options)),
    close: () => inner.close(),
  };
}

/** Publishes every message twice (same event ids): at-least-once delivery at its worst. */
export function duplicatingTransport(inner: EventTransport): EventTransport {
  return {
    publish: (messages) => inner.publish([...messages, ...messages]),
    subscribe: (options) => inner.subscribe(options),
    close: () => inner.close(),
  };
}

/** Leaves consumer group `groupId` to another process: its subscriptions here consume nothing. */
export function withoutConsumerGroup(inner: EventTransport, groupId: string): EventTransport {
  return overridingGroup(inner, groupId, async () => ({ stop: async () => {} }));
}

/**
 * Consumer group `groupId` joins only once `back` resolves: that participant is down until then,
 * and its events wait in Kafka (a new group reads from the beginning).
 */
export function consumerGroupDownUntil(inner: EventTransport, groupId: string, back: Promise<void>): EventTransport {
  return overridingGroup(inner, groupId, async (options) => {
    const joined = back.then(() => inner.subscribe(options));
    return { stop: async () => (await joined).stop() };
  });
}
