import type { Database, Transaction } from '@shop/db';
import {
  inboxRoutes,
  on,
  orderCancelled,
  orderConfirmed,
  orderStockReservationRequested,
  orderTopics,
  returnReceived,
  subscribeWithInbox,
  type EventHandler,
  type EventRoute,
  type EventTransport,
  type Subscription,
} from '@shop/events';
import { inbox } from '../db/schema';
import type { OrderStockService } from '../services/order-stock.service';
import { lockStockForBatch } from './order-saga-locks';

/** Consumer group and inbox consumer name of inventory's part in the checkout saga. */
export const ORDER_SAGA_GROUP = 'inventory-saga';

export interface OrderSagaDeps {
  db: Database;
  saga: OrderStockService;
  /** Called after each handled event commits, so the replies it recorded leave without waiting for a poll. */
  afterCommit?: () => void;
}

/**
 * `shop.orders.inventory`: reservation requests, confirmations, cancellations and received returns
 * (restocks). The effect, its reply (outbox) and the inbox row share one transaction, so a
 * redelivered event changes nothing and answers nothing twice.
 */
const routes = (saga: OrderStockService): EventRoute<Transaction>[] => [
  on(orderStockReservationRequested, (event, tx) => saga.reserve(tx, event.data)),
  on(orderConfirmed, (event, tx) => saga.commit(tx, event.data.orderId)),
  on(orderCancelled, (event, tx) => saga.cancel(tx, event.data.orderId)),
  on(returnReceived, (event, tx) => saga.returnReceived(tx, event.data)),
];

export const orderSagaHandler = ({ db, saga, afterCommit }: OrderSagaDeps): EventHandler =>
  inboxRoutes({ db, inbox, group: ORDER_SAGA_GROUP, routes: routes(saga), afterCommit, beforeBatch: lockStockForBatch });

export const consumeOrderSaga = ({ transport, db, saga, afterCommit }: OrderSagaDeps & { transport: EventTransport }): Promise<Subscription> =>
  subscribeWithInbox({
    transport,
    topics: [orderTopics.inventory],
    db,
    inbox,
    group: ORDER_SAGA_GROUP,
    routes: routes(saga),
    afterCommit,
    beforeBatch: lockStockForBatch,
  });
