import { namespaceFor } from './key-prefix.js';
import { deliver, warnListenerError } from './pubsub.js';
import type { ListenerErrorHandler, MessageListener, PubSub, Unsubscribe } from './pubsub.js';

export interface MemoryPubSubOptions {
  /** Required for parity with the Redis adapter, so embedded configuration stays valid in services mode. */
  keyPrefix: string;
  /**
   * Receives errors thrown by listeners; the message still reaches the other listeners.
   * @default emits a process warning
   */
  onListenerError?: ListenerErrorHandler;
}

/** In-process `PubSub` for embedded mode: delivery is synchronous, so order is publish order. */
export class MemoryPubSub implements PubSub {
  readonly #onListenerError: ListenerErrorHandler;
  readonly #topics = new Map<string, Set<MessageListener>>();
  #closed = false;

  constructor(options: MemoryPubSubOptions) {
    namespaceFor('MemoryPubSub', options?.keyPrefix);
    this.#onListenerError = options.onListenerError ?? warnListenerError;
  }

  async publish(topic: string, message: string): Promise<void> {
    this.#assertOpen();
    const listeners = this.#topics.get(topic);
    if (listeners !== undefined) deliver(listeners, topic, message, this.#onListenerError);
  }

  async subscribe(topic: string, onMessage: MessageListener): Promise<Unsubscribe> {
    this.#assertOpen();
    let listeners = this.#topics.get(topic);
    if (listeners === undefined) {
      listeners = new Set();
      this.#topics.set(topic, listeners);
    }
    // Wrap so the same function subscribed twice is two independent subscriptions.
    const listener: MessageListener = (message) => onMessage(message);
    listeners.add(listener);
    return async () => {
      const current = this.#topics.get(topic);
      if (current?.delete(listener) === true && current.size === 0) this.#topics.delete(topic);
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#topics.clear();
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('MemoryPubSub: the pubsub is closed');
  }
}
