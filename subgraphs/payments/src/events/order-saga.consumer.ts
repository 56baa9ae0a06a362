import type { Database, Transaction } from '@shop/db';
import {
  inboxRoutes,
  on,
  orderCancelled,
  orderClaimed,
  orderPaymentRequested,
  orderTopics,
  returnReceived,
  subscribeWithInbox,
  type EventHandler,
  type EventRoute,
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
  afterCommit?: () => void;
}

/**
 * `shop.orders.payments`: payment requests, cancellations, received returns (refunds) and claimed
 * guest orders. The effect, its reply (outbox) and the inbox row share one transaction, so a
 * redelivered event charges, refunds and answers nothing twice.
 */
const routes = (saga: OrderPaymentService): EventRoute<Transaction>[] => [
  on(orderPaymentRequested, (event, tx) => saga.pay(tx, event.data)),
  on(orderCancelled, (event, tx) => saga.refund(tx, event.data.orderId)),
  on(returnReceived, (event, tx) => saga.refundReturn(tx, event.data)),
  on(orderClaimed, (event, tx) => saga.claim(tx, event.data)),
];

export const orderSagaHandler = ({ db, saga, afterCommit }: OrderSagaDeps): EventHandler =>
  inboxRoutes({ db, inbox, group: ORDER_SAGA_GROUP, routes: routes(saga), afterCommit });

export const consumeOrderSaga = ({ transport, db, saga, afterCommit }: OrderSagaDeps & { transport: EventTransport }): Promise<Subscription> =>
  subscribeWithInbox({ transport, topics: [orderTopics.payments], db, inbox, group: ORDER_SAGA_GROUP, routes: routes(saga), afterCommit });
