import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { transactor, type Database, type MigrationTarget } from '@shop/db';
import { CategoryReplica, startOutboxRelay } from '@shop/events';
import type { SubgraphModule, SubgraphPlatform } from '@shop/subgraph-kit';
import { categories as categoryTable, outbox } from './db/schema';
import { consumeOrderSaga } from './events/order-saga.consumer';
import { consumeProductEvents } from './events/product-events.consumer';
import { announcePromotionChange, announceUsage } from './events/promotion-events';
import { resolvers } from './resolvers';
import { CartDiscountService } from './services/cart-discount.service';
import { OrderDiscountService } from './services/order-discount.service';
import { ProductPricingService } from './services/product-pricing.service';
import { PromotionService } from './services/promotion.service';
import { QuoteService } from './services/quote.service';
import { UsageService } from './services/usage.service';
import { KnownProductStore } from './stores/known-product.store';
import { PromotionStore } from './stores/promotion.store';
import { UsageStore } from './stores/usage.store';

const typeDefs = parse(readFileSync(fileURLToPath(new URL('./schema.graphql', import.meta.url)), 'utf8'));
const migrations: MigrationTarget = {
  schema: 'promotions',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
};

/** Promotions needs nothing beyond the platform. */
export type PromotionsConfig = Record<string, never>;

/** The redemption service the order saga calls (reserve at `order.placed`, release at `order.cancelled`), wired like the subgraph's own. */
export function createUsageService(db: Database, afterCommit: () => void = () => {}): UsageService {
  return new UsageService(new PromotionStore(db), new UsageStore(db), announceUsage, transactor(db, afterCommit));
}

/**
 * Wires stores -> services -> resolvers, starts the outbox relay, the product-events consumer and
 * the checkout saga's consumer; the caller starts the HTTP server and calls `stop()` on shutdown.
 */
async function create(_config: PromotionsConfig, { database, transport, logger }: SubgraphPlatform) {
  const promotions = new PromotionStore(database.db);
  const known = new KnownProductStore(database.db);
  const categories = new CategoryReplica(categoryTable);
  const usages = new UsageStore(database.db);
  const relay = startOutboxRelay({ db: database.db, outbox, transport, logger });
  const wake = () => relay.wake();
  const services = {
    promotions: new PromotionService(promotions, known, announcePromotionChange, transactor(database.db, wake), (ids, slugs) =>
      categories.resolve(database.db, ids, slugs),
    ),
    pricing: new ProductPricingService(promotions, known),
    quotes: new QuoteService(promotions, known, usages),
    carts: new CartDiscountService(promotions),
  };
  const productEvents = await consumeProductEvents({ db: database.db, transport, known, categories });
  const usage = createUsageService(database.db, wake);
  const discounts = new OrderDiscountService(services.carts, promotions, usage);
  const saga = await consumeOrderSaga(transport, { db: database.db, discounts, usage, logger, afterCommit: wake });
  return {
    resolvers: resolvers(services),
    readiness: { database: () => database.ping() },
    stop: async () => {
      await saga.stop();
      await productEvents.stop();
      await relay.stop();
    },
  };
}

/** The promotions subgraph: discounts, coupons, sale prices and the engine that computes them. */
export const promotionsModule: SubgraphModule<PromotionsConfig> = { name: 'promotions', typeDefs, migrations, create };
