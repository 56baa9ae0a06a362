import type { Database, Transaction } from '@shop/db';
import {
  createInboxHandler,
  on,
  orderCancelled,
  orderConfirmed,
  orderTopics,
  orderStockReservationRequested,
  returnReceived,
  routeEvents,
  type EventHandler,
  type EventTransport,
  type Subscription,
} from '@shop/events';
import { inbox } from '../db/schema';
import type { OrderStockService } from '../services/order-stock.service';

/** Consumer group and inbox consumer name of inventory's part in the checkout saga. */
export const ORDER_SAGA_GROUP = 'inventory-saga';

export interface OrderSagaDeps {
  db: Database;
  saga: OrderStockService;
  /** Called after each handled event commits, so the replies it recorded leave without waiting for a poll. */
  afterCommit: () => void;
}

/**
 * Handles one event of `shop.orders.inventory`: reservation requests, confirmations, cancellations
 * and received returns (restocks). The effect, its reply (outbox) and the inbox row share one
 * transaction, so a redelivered event changes nothing and answers nothing twice. Other order
 * events are ignored.
 */
export function orderSagaHandler({ db, saga, afterCommit }: OrderSagaDeps): EventHandler {
  const route = routeEvents<Transaction>(
    on(orderStockReservationRequested, (event, tx) => saga.reserve(tx, event.data)),
    on(orderConfirmed, (event, tx) => saga.commit(tx, event.data.orderId)),
    on(orderCancelled, (event, tx) => saga.cancel(tx, event.data.orderId)),
    on(returnReceived, (event, tx) => saga.returnReceived(tx, event.data)),
  );
  return createInboxHandler({ db, inbox, consumer: ORDER_SAGA_GROUP, handles: route.handles, handle: (tx, envelope) => route(envelope, tx), afterCommit });
}

export function consumeOrderSaga(deps: OrderSagaDeps & { transport: EventTransport }): Promise<Subscription> {
  return deps.transport.subscribe({ groupId: ORDER_SAGA_GROUP, topics: [orderTopics.inventory], handler: orderSagaHandler(deps) });
}
