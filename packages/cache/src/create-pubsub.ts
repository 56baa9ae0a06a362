import { MemoryPubSub } from './memory-pubsub.js';
import type { PubSub } from './pubsub.js';
import { RedisPubSub } from './redis-pubsub.js';

/** In-process pub/sub (embedded mode): only reaches subscribers in the same process. */
export interface MemoryPubSubConfig {
  kind: 'memory';
  /** See `MemoryPubSubOptions.keyPrefix`. */
  keyPrefix: string;
}

/** Redis pub/sub (services mode): reaches every replica subscribed to the topic. */
export interface RedisPubSubConfig {
  kind: 'redis';
  /** e.g. `redis://redis:6379` */
  url: string;
  /** Namespace for channels; see `RedisPubSubOptions.keyPrefix`. */
  keyPrefix: string;
}

export type PubSubConfig = MemoryPubSubConfig | RedisPubSubConfig;

/** Picks the adapter once, from validated configuration. */
export function createPubSub(config: PubSubConfig): PubSub {
  switch (config.kind) {
    case 'memory':
      return new MemoryPubSub({ keyPrefix: config.keyPrefix });
    case 'redis':
      return new RedisPubSub({ url: config.url, keyPrefix: config.keyPrefix });
    default:
      return unknownKind(config);
  }
}

function unknownKind(config: never): never {
  throw new TypeError(`createPubSub: unknown kind ${JSON.stringify((config as { kind?: unknown }).kind)}`);
}
