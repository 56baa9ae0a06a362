import type { EventTransport, SubscribeOptions, Subscription } from './event-transport';

const namespacePattern = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Puts every topic and consumer group of `inner` under `<namespace>.`: several shops (a test run,
 * a staging copy) share one Kafka cluster without reading each other's events or splitting each
 * other's consumer groups. Dead-letter topics follow their (prefixed) source topic.
 */
export function namespacedTransport(inner: EventTransport, namespace: string): EventTransport {
  if (!namespacePattern.test(namespace)) throw new Error(`namespacedTransport: namespace "${namespace}" must be 1-64 letters, digits, '-' or '_'`);
  const scoped = (name: string) => `${namespace}.${name}`;
  return {
    publish: (messages) => inner.publish(messages.map((message) => ({ ...message, topic: scoped(message.topic) }))),
    subscribe: (options: SubscribeOptions): Promise<Subscription> => {
      const { deadLetterTopic } = options;
      return inner.subscribe({
        ...options,
        groupId: scoped(options.groupId),
        topics: options.topics.map(scoped),
        ...(typeof deadLetterTopic === 'string' ? { deadLetterTopic: scoped(deadLetterTopic) } : {}),
      });
    },
    close: () => inner.close(),
  };
}
