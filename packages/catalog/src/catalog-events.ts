import type { EventsLogger, EventTransport, OutgoingMessage, OutboxRelay } from '@shop/events';
import type { Product } from './catalog-model';

/**
 * The events to record with a product write, built from the product as the write leaves it (for a
 * delete: as it was). The store records them in the SAME atomic write as the change, so there is
 * never an event for a write that failed nor a write without its events; the builder runs before
 * anything is committed, so a builder that throws fails the write too.
 */
export type ProductEvents = (product: Product) => readonly OutgoingMessage[];

export interface ProductWriteOptions {
  /** Events to record atomically with this write; published later by `startEventRelay`. */
  events?: ProductEvents;
}

export interface CatalogEventRelayOptions {
  transport: EventTransport;
  logger?: EventsLogger;
  /** Events published per round. @default 100 */
  batchSize?: number;
  /** Polling interval when idle, and the wait after a failed publish. @default 1000 */
  pollIntervalMs?: number;
}

/** `wake()` after a write with events publishes at once; `stop()` finishes the round in flight. */
export type CatalogEventRelay = OutboxRelay;
