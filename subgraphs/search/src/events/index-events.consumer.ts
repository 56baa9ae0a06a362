import type { Database, Transaction } from '@shop/db';
import {
  categoriesTopic,
  categoryChanged,
  createInboxHandler,
  inventoryTopic,
  on,
  productCreated,
  productDeleted,
  productRatingChanged,
  productsTopic,
  productUpdated,
  ratingsTopic,
  routeEvents,
  stockChanged,
  type CategoryReplica,
  type EventTransport,
  type Subscription,
} from '@shop/events';
import { inbox } from '../db/schema';
import type { Logger } from '@shop/subgraph-kit';
import type { DocumentStore } from '../stores/document.store';

/** Consumer group and inbox consumer name: one search deployment applies each event once. */
export const SEARCH_EVENTS_GROUP = 'search';

export interface IndexEventsDeps {
  db: Database;
  transport: EventTransport;
  documents: DocumentStore;
  /** The categories a filter may name. */
  categories: CategoryReplica;
  /** Runs after an event changed the index and committed (the result cache's invalidation). */
  afterChange: () => Promise<void>;
  logger: Pick<Logger, 'error'>;
}

/**
 * Feeds the search index from catalog, inventory and ratings events, and the known categories from
 * `category.changed`; nothing else writes them.
 * The inbox makes redelivery harmless, and a redelivered event does not invalidate the cache.
 * Other events on these topics (review.added, ...) are ignored.
 */
export function consumeIndexEvents(deps: IndexEventsDeps): Promise<Subscription> {
  const { db, transport, documents, categories, afterChange, logger } = deps;
  const at = (occurredAt: string) => new Date(occurredAt);
  const route = routeEvents<Transaction>(
    on(productCreated, (event, tx) => documents.upsertProduct(tx, event.data, at(event.occurredAt))),
    on(productUpdated, (event, tx) => documents.upsertProduct(tx, event.data, at(event.occurredAt))),
    on(productDeleted, (event, tx) => documents.markDeleted(tx, event.data.productId, at(event.occurredAt))),
    on(stockChanged, (event, tx) => documents.upsertStock(tx, event.data.productId, event.data, at(event.occurredAt))),
    on(productRatingChanged, (event, tx) => documents.upsertRating(tx, event.data.productId, event.data, at(event.occurredAt))),
    on(categoryChanged, (event, tx) => categories.upsert(tx, event.data, at(event.occurredAt))),
  );
  const indexed = new Set([productCreated, productUpdated, productDeleted, stockChanged, productRatingChanged].map((c) => c.type));
  // Event ids whose effect ran in the current delivery (not skipped by the inbox).
  const applied = new Set<string>();
  const handle = createInboxHandler({
    db,
    inbox,
    consumer: SEARCH_EVENTS_GROUP,
    handle: async (tx, envelope) => {
      await route(envelope, tx);
      if (indexed.has(envelope.type)) applied.add(envelope.id);
    },
  });
  return transport.subscribe({
    groupId: SEARCH_EVENTS_GROUP,
    topics: [productsTopic, inventoryTopic, ratingsTopic, categoriesTopic],
    handler: async (envelope, meta) => {
      try {
        await handle(envelope, meta);
      } catch (error) {
        applied.delete(envelope.id);
        throw error;
      }
      // A retry would find the inbox row and skip the effect, so a failed invalidation is only
      // logged: cached results then live out their (short) TTL.
      if (applied.delete(envelope.id))
        await afterChange().catch((error: unknown) => logger.error({ err: error, eventId: envelope.id }, 'search: cache invalidation failed'));
    },
  });
}
