import { Redis } from 'ioredis';
import { namespaceFor } from './key-prefix.js';
import { deliver, warnListenerError } from './pubsub.js';
import type { ListenerErrorHandler, MessageListener, PubSub, Unsubscribe } from './pubsub.js';
import { quit } from './redis-quit.js';

export interface RedisPubSubOptions {
  /** Server to use, e.g. `redis://127.0.0.1:6379`. */
  url: string;
  /**
   * Namespace for every channel (`${keyPrefix}:${topic}`); Redis channels are global to the
   * server regardless of the selected database, so this is the only isolation between services.
   */
  keyPrefix: string;
  /**
   * Receives errors thrown by listeners; the message still reaches the other listeners.
   * @default emits a process warning
   */
  onListenerError?: ListenerErrorHandler;
}

interface Channel {
  listeners: Set<MessageListener>;
  /** The one SUBSCRIBE for this channel; every listener waits on it. */
  ready: Promise<unknown>;
}

/**
 * `PubSub` over Redis. A connection in subscriber mode cannot publish, so there are two: one
 * publisher and one subscriber (created on first subscribe). All listeners of a topic share one
 * SUBSCRIBE; the last one to leave sends UNSUBSCRIBE. Commands on one connection run in order,
 * so an UNSUBSCRIBE followed by a new SUBSCRIBE of the same channel cannot be reordered.
 */
export class RedisPubSub implements PubSub {
  readonly #namespace: string;
  readonly #url: string;
  readonly #onListenerError: ListenerErrorHandler;
  readonly #publisher: Redis;
  #subscriber: Redis | undefined;
  readonly #channels = new Map<string, Channel>();
  #closing: Promise<void> | undefined;

  constructor(options: RedisPubSubOptions) {
    this.#namespace = namespaceFor('RedisPubSub', options?.keyPrefix);
    if (typeof options.url !== 'string' || !/^rediss?:\/\//.test(options.url)) {
      throw new TypeError(`RedisPubSub: option "url" must be a redis:// or rediss:// URL, got ${JSON.stringify(options.url)}`);
    }
    this.#url = options.url;
    this.#onListenerError = options.onListenerError ?? warnListenerError;
    this.#publisher = new Redis(this.#url, { connectionName: `pub:${options.keyPrefix}` });
  }

  async publish(topic: string, message: string): Promise<void> {
    this.#assertOpen();
    await this.#publisher.publish(this.#namespace + topic, message);
  }

  async subscribe(topic: string, onMessage: MessageListener): Promise<Unsubscribe> {
    this.#assertOpen();
    const name = this.#namespace + topic;
    const subscriber = this.#subscriberConnection();
    let channel = this.#channels.get(name);
    if (channel === undefined) {
      const created: Channel = { listeners: new Set(), ready: subscriber.subscribe(name) };
      created.ready.catch(() => {
        if (this.#channels.get(name) === created) this.#channels.delete(name);
      });
      this.#channels.set(name, created);
      channel = created;
    }
    const joined = channel;
    // Wrap so the same function subscribed twice is two independent subscriptions.
    const listener: MessageListener = (message) => onMessage(message);
    joined.listeners.add(listener);
    try {
      await joined.ready;
    } catch (error) {
      joined.listeners.delete(listener);
      throw error;
    }
    return async () => {
      if (!joined.listeners.delete(listener) || joined.listeners.size > 0) return;
      if (this.#channels.get(name) !== joined || this.#closing !== undefined) return;
      this.#channels.delete(name);
      await subscriber.unsubscribe(name);
    };
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#channels.clear();
      const connections = [this.#publisher, this.#subscriber].filter((c) => c !== undefined);
      await Promise.all(connections.map(quit));
    })();
    return this.#closing;
  }

  #subscriberConnection(): Redis {
    if (this.#subscriber !== undefined) return this.#subscriber;
    const subscriber = new Redis(this.#url, { connectionName: `sub:${this.#namespace.slice(0, -1)}` });
    subscriber.on('message', (channel: string, message: string) => {
      const listeners = this.#channels.get(channel)?.listeners;
      if (listeners === undefined) return;
      deliver(listeners, channel.slice(this.#namespace.length), message, this.#onListenerError);
    });
    this.#subscriber = subscriber;
    return subscriber;
  }

  #assertOpen(): void {
    if (this.#closing !== undefined) throw new Error('RedisPubSub: the pubsub is closed');
  }
}
