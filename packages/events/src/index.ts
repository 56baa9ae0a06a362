// Contracts: the envelope every event travels in and the shared, typed event definitions.
export type { EventEnvelope } from './envelope';
export { InvalidEventError, parseEnvelope } from './envelope';
export { defineDataEvent, defineEvent, type CreateEventOptions, type DataEventDefinition, type EventContract, type EventDefinition } from './define-event';
export * from './contracts';

// Transport port and its adapters.
export type {
  BatchEventHandler,
  Delivery,
  DeliveryMeta,
  EventHandler,
  EventTransport,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
} from './event-transport';
export { deadLetterHeaders, decodeDeadLetterHeaders, type DeadLetter, type DeadLetterInfo } from './dead-letter';
export { KafkaTransport, type KafkaTransportOptions } from './kafka-transport';
export type { TopicCreationOptions } from './kafka-topics';
export type { KafkaLogLevel } from './kafka-log-creator';
export { LocalTransport, type LocalTransportOptions } from './local-transport';
export { namespacedTransport } from './namespaced-transport';

// Producing (outbox + relay) and consuming (inbox + routing).
export { outboxTables, type InboxTable, type OutboxLeaseTable, type OutboxTable } from './outbox-tables';
export { CategoryReplica, categoryReplicaTable, type CategoryReplicaTable, type KnownCategory } from './category-replica';
export { KnownProductReplica, type KnownProductsTable, type SnapshotColumns } from './known-product-replica';
export { snapshotVariants, type SnapshotVariant } from './snapshot-variants';
export { appendAllToOutbox, appendToOutbox, newEvent, outboxRows, outboxRowsOf, type NewEvent, type OutboxRow } from './append-to-outbox';
export { noteOutboxWrite, wroteToOutbox } from './outbox-writes';
export { startOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
export { startWorkerLoop, type WorkerLoop, type WorkerLoopOptions } from './worker-loop';
export { createInboxHandler, recordClaim, type InboxClaim, type InboxHandlerOptions } from './inbox-handler';
export { inboxRoutes, subscribeWithInbox, type InboxRoutesOptions, type SubscribeWithInboxOptions } from './subscribe-with-inbox';
export { on, routeEvents, type EventRoute, type EventRouter } from './route-events';
export type { EventsLogger } from './logger';

// Choosing an adapter from configuration.
export { eventsEnvShape, transportConfigFromEnv, type TransportConfig } from './env';
export { createTransport } from './create-transport';
