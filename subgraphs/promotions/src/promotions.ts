import { transactor, type Database } from '@shop/db';
import { CategoryReplica } from '@shop/events';
import { categories as categoryTable } from './db/schema';
import { announceOrderDiscounted, announcePromotionChange, announceUsage } from './events/promotion-events';
import { CartDiscountService } from './services/cart-discount.service';
import { OrderDiscountService } from './services/order-discount.service';
import { ProductPricingService } from './services/product-pricing.service';
import { PromotionService } from './services/promotion.service';
import { QuoteService } from './services/quote.service';
import { UsageService } from './services/usage.service';
import { KnownProductStore } from './stores/known-product.store';
import { PromotionStore } from './stores/promotion.store';
import { UsageStore } from './stores/usage.store';

/**
 * Stores and services on one database; the subgraph and its tests build the same graph. `discounts`
 * is what the order saga calls (discount and reserve at `order.placed`, release at
 * `order.cancelled`). `wake` is the outbox relay's.
 */
export function createPromotions(db: Database, wake: () => void = () => {}) {
  const stores = {
    promotions: new PromotionStore(db),
    known: new KnownProductStore(db),
    categories: new CategoryReplica(categoryTable),
    usages: new UsageStore(db),
  };
  const transact = transactor(db, wake);
  const carts = new CartDiscountService(stores.promotions);
  const usage = new UsageService(stores.promotions, stores.usages, announceUsage, transact);
  const services = {
    promotions: new PromotionService(stores.promotions, stores.known, announcePromotionChange, transact, (ids, slugs) =>
      stores.categories.resolve(db, ids, slugs),
    ),
    pricing: new ProductPricingService(stores.promotions, stores.known),
    quotes: new QuoteService(stores.promotions, stores.known, stores.usages),
    carts,
    usage,
    discounts: new OrderDiscountService(carts, stores.promotions, usage, announceOrderDiscounted),
  };
  return { stores, services };
}

export type Promotions = ReturnType<typeof createPromotions>;
