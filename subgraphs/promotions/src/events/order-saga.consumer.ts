import type { Database, Transaction } from '@shop/db';
import {
  inboxRoutes,
  on,
  orderCancelled,
  orderConfirmed,
  orderPlaced,
  orderTopics,
  subscribeWithInbox,
  type EventHandler,
  type EventRoute,
  type EventTransport,
  type Subscription,
} from '@shop/events';
import type { Logger } from '@shop/subgraph-kit';
import { inbox } from '../db/schema';
import type { OrderDiscountService } from '../services/order-discount.service';

/** Consumer group and inbox consumer name of promotions' checkout steps (distinct from `promotions`, the product events). */
export const ORDER_SAGA_GROUP = 'promotions-saga';

export interface OrderSagaDeps {
  db: Database;
  saga: OrderDiscountService;
  logger: Logger;
  /** Called after each handled event commits, so the reply leaves without waiting for a poll. */
  afterCommit?: () => void;
}

/**
 * `shop.orders.promotions`: order.placed (discount and reserve its uses), order.confirmed (record
 * uses of orders placed before reservations existed), order.cancelled (release the uses), each
 * inside the inbox transaction: one effect and one reply per event, however often it is delivered.
 */
const routes = ({ saga, logger }: OrderSagaDeps): EventRoute<Transaction>[] => [
  on(orderPlaced, (event, tx) => saga.discountOrder(tx, event.data, new Date(event.occurredAt))),
  on(orderConfirmed, async (event, tx) => {
    const { orderId } = event.data;
    for (const { promotionId, outcome } of await saga.recordConfirmedOrder(tx, event.data))
      logger.warn({ orderId, promotionId, outcome }, 'promotion usage not recorded');
  }),
  on(orderCancelled, (event, tx) => saga.releaseOrder(tx, event.data.orderId)),
];

export const orderSagaHandler = (deps: OrderSagaDeps): EventHandler =>
  inboxRoutes({ db: deps.db, inbox, group: ORDER_SAGA_GROUP, routes: routes(deps), afterCommit: deps.afterCommit });

export const consumeOrderSaga = (deps: OrderSagaDeps & { transport: EventTransport }): Promise<Subscription> =>
  subscribeWithInbox({
    transport: deps.transport,
    topics: [orderTopics.promotions],
    db: deps.db,
    inbox,
    group: ORDER_SAGA_GROUP,
    routes: routes(deps),
    afterCommit: deps.afterCommit,
  });
