import type { EventTransport } from './event-transport';
import type { TransportConfig } from './env';
import { KafkaTransport } from './kafka-transport';
import { LocalTransport } from './local-transport';
import type { EventsLogger } from './logger';
import { namespacedTransport } from './namespaced-transport';

/** Picks the adapter once, from validated configuration. */
export function createTransport(config: TransportConfig, logger?: EventsLogger): EventTransport {
  switch (config.kind) {
    case 'local':
      return new LocalTransport(logger ? { logger } : {});
    case 'kafka': {
      const kafka = new KafkaTransport({
        brokers: config.brokers,
        clientId: config.clientId,
        ...(config.consumer ? { consumer: config.consumer } : {}),
        ...(config.numPartitions !== undefined ? { createTopics: { numPartitions: config.numPartitions } } : {}),
        ...(logger ? { logger } : {}),
      });
      return config.namespace ? namespacedTransport(kafka, config.namespace) : kafka;
    }
  }
}
