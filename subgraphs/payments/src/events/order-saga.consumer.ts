import type { Database, Transaction } from '@shop/db';
import {
  createInboxHandler,
  on,
  orderCancelled,
  orderClaimed,
  orderPaymentRequested,
  orderTopics,
  returnReceived,
  routeEvents,
  type EventHandler,
  type EventTransport,
  type Subscription,
} from '@shop/events';
import { inbox } from '../db/schema';
import type { OrderPaymentService } from '../services/order-payment.service';

/** Consumer group and inbox consumer name of payments' part in the checkout saga. */
export const ORDER_SAGA_GROUP = 'payments-saga';

export interface OrderSagaDeps {
  db: Database;
  saga: OrderPaymentService;
  /** Called after each handled event commits, so the replies it recorded leave without waiting for a poll. */
  afterCommit: () => void;
}

/**
 * Handles one event of `shop.orders.payments`: payment requests, cancellations, received returns (refunds) and claimed guest orders. The effect, its
 * reply (outbox) and the inbox row share one transaction, so a redelivered event charges, refunds
 * and answers nothing twice. Other order events are ignored.
 */
export function orderSagaHandler({ db, saga, afterCommit }: OrderSagaDeps): EventHandler {
  const route = routeEvents<Transaction>(
    on(orderPaymentRequested, (event, tx) => saga.pay(tx, event.data)),
    on(orderCancelled, (event, tx) => saga.refund(tx, event.data.orderId)),
    on(returnReceived, (event, tx) => saga.refundReturn(tx, event.data)),
    on(orderClaimed, (event, tx) => saga.claim(tx, event.data)),
  );
  return createInboxHandler({ db, inbox, consumer: ORDER_SAGA_GROUP, handles: route.handles, handle: (tx, envelope) => route(envelope, tx), afterCommit });
}

export function consumeOrderSaga(deps: OrderSagaDeps & { transport: EventTransport }): Promise<Subscription> {
  return deps.transport.subscribe({ groupId: ORDER_SAGA_GROUP, topics: [orderTopics.payments], handler: orderSagaHandler(deps) });
}
