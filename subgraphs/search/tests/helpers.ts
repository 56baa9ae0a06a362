import { eventually } from '@shop/testkit';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { drizzle as nodePostgres } from 'drizzle-orm/node-postgres';
import { drizzle as pglite } from 'drizzle-orm/pglite';
import type { Database, DatabaseHandle } from '@shop/db';
import {
  categoriesTopic,
  categoryChanged,
  inventoryTopic,
  productCreated,
  productDeleted,
  productRatingChanged,
  productsTopic,
  productUpdated,
  ratingsTopic,
  reviewAdded,
  stockChanged,
  type EventEnvelope,
  type ProductSnapshot,
} from '@shop/events';
import type { SubgraphModule } from '@shop/subgraph-kit';
import type { SubgraphHarness } from '@shop/testkit';
import { inbox } from '../src/db/schema';
import { searchModule, type SearchConfig } from '../src';

/** Counts the SQL statements the module sends (drizzle's query logger on the same connection). */
export interface SqlCounter {
  count: number;
}

function counting(handle: DatabaseHandle, counter: SqlCounter): DatabaseHandle {
  const logger = { logQuery: () => void counter.count++ };
  const client = (handle.db as unknown as { $client: never }).$client;
  const db = (handle.driver === 'pglite' ? pglite(client, { logger }) : nodePostgres(client, { logger })) as unknown as Database;
  return { driver: handle.driver, db, ping: () => handle.ping(), close: () => handle.close() };
}

/** The search module, but every statement it runs is counted. */
export function countedSearchModule(counter: SqlCounter): SubgraphModule<SearchConfig> {
  return { ...searchModule, create: (config, platform) => searchModule.create(config, { ...platform, database: counting(platform.database, counter) }) };
}

let currencies = randomBytes(2).readUInt16BE() % 17_000;
/** A currency code no other test uses: filtering by it isolates a test's catalogue in a shared index. */
export function uniqueCurrency(): string {
  const n = currencies++ % 17_576;
  return [Math.floor(n / 676), Math.floor(n / 26) % 26, n % 26].map((i) => String.fromCharCode(65 + i)).join('');
}

const topicOf: Record<string, string> = {
  [productCreated.type]: productsTopic,
  [productUpdated.type]: productsTopic,
  [productDeleted.type]: productsTopic,
  [stockChanged.type]: inventoryTopic,
  [productRatingChanged.type]: ratingsTopic,
  [reviewAdded.type]: ratingsTopic,
  [categoryChanged.type]: categoriesTopic,
};

/** Publishes events the way their producers do and waits until search applied them. */
export function feed(harness: SubgraphHarness) {
  const generation = () => harness.platform.cache.get('search:generation');
  const consumed = async (id: string) => (await harness.platform.database.db.select().from(inbox).where(eq(inbox.eventId, id))).length === 1;
  return {
    /** `changes: false` for a redelivery, which must leave the index (and the cache) alone. */
    async publish<T>(envelope: EventEnvelope<T>, { changes = true } = {}): Promise<EventEnvelope<T>> {
      const before = await generation();
      await harness.platform.transport.publish([{ topic: topicOf[envelope.type]!, key: envelope.aggregateId, envelope }]);
      await eventually(() => consumed(envelope.id));
      // The cache is invalidated right after the commit; wait for it so the next search is fresh.
      if (changes) await eventually(async () => (await generation()) !== before);
      return envelope;
    },
    generation,
  };
}

/** An envelope as its producer would build it, at a chosen instant (NEWEST and ordering tests). */
export const at = <T>(envelope: EventEnvelope<T>, occurredAt: Date): EventEnvelope<T> => ({ ...envelope, occurredAt: occurredAt.toISOString() });

export const category = (categoryId: string, slug: string, parentId: string | null = null) =>
  categoryChanged.create(categoryId, { categoryId, slug, name: slug, parentId });
export const created = (product: ProductSnapshot, when: Date) => at(productCreated.create(product.productId, product), when);
export const updated = (product: ProductSnapshot, when: Date) => at(productUpdated.create(product.productId, product), when);
export const deleted = (productId: string, when: Date) => at(productDeleted.create(productId, { productId }), when);
export const stock = (productId: string, units: number, when: Date) =>
  at(stockChanged.create(productId, { productId, stock: units, inStock: units > 0 }), when);
export const rating = (productId: string, averageRating: number | null, reviewCount: number, when: Date) =>
  at(productRatingChanged.create(productId, { productId, averageRating, reviewCount }), when);
