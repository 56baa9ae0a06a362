import { MemoryPubSub, type PubSub } from '@shop/cache';
import { transactor, type Database } from '@shop/db';
import { pino, type Logger } from 'pino';
import { OrderLifecycle } from './saga/order-lifecycle';
import { sagaSteps } from './saga/saga-steps';
import { CartReader } from './services/cart-reader.service';
import { CartService } from './services/cart.service';
import { CouponCheckService } from './services/coupon-check.service';
import { GuestCartMerger } from './services/guest-cart-merge';
import { GuestOrderClaim } from './services/guest-order-claim';
import { OrderReader } from './services/order-reader.service';
import { OrderStatusFeed } from './services/order-status-feed';
import { OrderService } from './services/order.service';
import { CartItemStore } from './stores/cart-item.store';
import { CartStore } from './stores/cart.store';
import { KnownCouponStore } from './stores/known-coupon.store';
import { KnownProductStore } from './stores/known-product.store';
import { KnownVariantStore } from './stores/known-variant.store';
import { KnownShippingRateStore } from './stores/known-shipping-rate.store';
import { OrderHistoryStore } from './stores/order-history.store';
import { OrderStore } from './stores/order.store';
import { VerifiedEmailStore } from './stores/verified-email.store';
import { createReturns } from './services/create-returns';

/** Returns are accepted for 30 days after delivery unless configured otherwise. */
export const DEFAULT_RETURN_WINDOW_DAYS = 30;

export interface OrdersWiring {
  /** Live status pushes; Redis in services mode so every replica's subscribers hear every change. */
  pubsub?: PubSub;
  /** The outbox relay's wake-up, called after each commit that wrote events. */
  wake?: () => void;
  logger?: Logger;
  /** Days after delivery within which a return may be requested. @default 30 */
  returnWindowDays?: number;
  /** Publish `order.status-changed` on every status change (OrdersConfig.publishStatusChanges). @default false */
  publishStatusChanges?: boolean;
}

/** Stores, services and the saga on one database; the subgraph and its tests build the same graph. */
export function createOrders(db: Database, wiring: OrdersWiring = {}) {
  const logger = wiring.logger ?? pino({ level: 'silent' });
  const stores = {
    carts: new CartStore(db),
    items: new CartItemStore(db),
    products: new KnownProductStore(db),
    variants: new KnownVariantStore(db),
    coupons: new KnownCouponStore(db),
    shippingRates: new KnownShippingRateStore(db),
    orders: new OrderStore(db),
    history: new OrderHistoryStore(db),
    verifiedEmails: new VerifiedEmailStore(db),
  };
  const reader = new CartReader(stores.carts, stores.items);
  const couponCheck = new CouponCheckService(stores.coupons, stores.orders);
  const carts = new CartService(reader, stores.carts, stores.items, stores.variants, couponCheck, stores.shippingRates, transactor(db));
  const guestCarts = new GuestCartMerger(reader, stores.carts, stores.items, transactor(db));
  const guestOrders = new GuestOrderClaim(stores.verifiedEmails, stores.orders, transactor(db, wiring.wake));
  const feed = new OrderStatusFeed(wiring.pubsub ?? new MemoryPubSub({ keyPrefix: 'orders' }), stores.history);
  const lifecycle = new OrderLifecycle(stores.orders, feed, wiring.wake ?? (() => {}), { publishStatusChanges: wiring.publishStatusChanges ?? false });
  const orderService = new OrderService(db, stores.carts, stores.items, stores.orders, lifecycle, logger);
  const orderReader = new OrderReader(stores.orders, stores.history);
  const returns = createReturns(db, stores, {
    pubsub: wiring.pubsub,
    wake: wiring.wake ?? (() => {}),
    logger,
    windowDays: wiring.returnWindowDays ?? DEFAULT_RETURN_WINDOW_DAYS,
  });
  return {
    stores,
    reader,
    carts,
    guestCarts,
    guestOrders,
    feed,
    orderService,
    orderReader,
    returns,
    saga: sagaSteps(stores.orders, lifecycle, ...returns.sagaRoutes),
    logger,
  };
}

export type Orders = ReturnType<typeof createOrders>;
