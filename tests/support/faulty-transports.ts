import type { EventTransport } from '@shop/events';

/** Publishes every message twice (same event ids): at-least-once delivery at its worst. */
export function duplicatingTransport(inner: EventTransport): EventTransport {
  return {
    publish: (messages) => inner.publish([...messages, ...messages]),
    subscribe: (options) => inner.subscribe(options),
    close: () => inner.close(),
  };
}

/**
 * Makes the consumer group `groupId` fail each message of `types` once, AFTER its handler's
 * transaction committed: what Kafka sees when a participant dies between its database commit and
 * its offset commit. The message is delivered again; the inbox must turn it into a no-op.
 */
export function crashAfterCommit(inner: EventTransport, groupId: string, types: string[]): EventTransport & { crashes: string[] } {
  const crashes: string[] = [];
  return {
    crashes,
    publish: (messages) => inner.publish(messages),
    subscribe: (options) =>
      options.groupId !== groupId
        ? inner.subscribe(options)
        : inner.subscribe({
            ...options,
            handler: async (envelope, meta) => {
              await options.handler(envelope, meta);
              if (types.includes(envelope.type) && !crashes.includes(envelope.id)) {
                crashes.push(envelope.id);
                throw new Error(`simulated crash after commit of ${envelope.type}`);
              }
            },
          }),
    close: () => inner.close(),
  };
}
