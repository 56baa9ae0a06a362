import type { EventTransport } from './event-transport';
import type { TransportConfig } from './env';
import { KafkaTransport } from './kafka-transport';
import { LocalTransport } from './local-transport';
import type { EventsLogger } from './logger';

/** Picks the adapter once, from validated configuration. */
export function createTransport(config: TransportConfig, logger?: EventsLogger): EventTransport {
  switch (config.kind) {
    case 'local':
      return new LocalTransport(logger ? { logger } : {});
    case 'kafka':
      return new KafkaTransport({ brokers: config.brokers, clientId: config.clientId, ...(logger ? { logger } : {}) });
  }
}
