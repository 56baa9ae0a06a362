/** Receives one published message. Errors it throws are reported, never sent to the publisher. */
export type MessageListener = (message: string) => void;

/** Ends one subscription. Safe to call more than once. */
export type Unsubscribe = () => Promise<void>;

/**
 * Publish/subscribe port: fan-out of string messages per topic (order status changes for
 * GraphQL subscriptions, cache invalidation). Adapters: `MemoryPubSub` and `RedisPubSub`.
 *
 * Delivery is at-most-once and only to listeners subscribed when the message is published;
 * messages from one publisher on one topic arrive in publish order.
 */
export interface PubSub {
  /** Sends `message` to every current listener of `topic`. */
  publish(topic: string, message: string): Promise<void>;
  /** Resolves once the listener is registered, so a publish after that reaches it. */
  subscribe(topic: string, onMessage: MessageListener): Promise<Unsubscribe>;
  /** Drops every subscription and releases connections; later calls reject. Safe to call twice. */
  close(): Promise<void>;
}

/** Called when a listener throws; the message still reaches the other listeners. */
export type ListenerErrorHandler = (error: unknown, topic: string) => void;

/** Default: surface listener bugs as a process warning instead of crashing the subscriber loop. */
export const warnListenerError: ListenerErrorHandler = (error, topic) => {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.emitWarning(`PubSub listener for topic "${topic}" threw: ${detail}`, 'PubSubListenerError');
};

/** Calls every listener in a snapshot, so (un)subscribing during delivery cannot skip anyone. */
export function deliver(listeners: Iterable<MessageListener>, topic: string, message: string, onError: ListenerErrorHandler): void {
  for (const listener of [...listeners]) {
    try {
      listener(message);
    } catch (error) {
      onError(error, topic);
    }
  }
}
