import type { Database, Transaction } from '@shop/db';
import {
  inboxRoutes,
  on,
  orderTaxRequested,
  orderTopics,
  subscribeWithInbox,
  type EventHandler,
  type EventRoute,
  type EventTransport,
  type Subscription,
} from '@shop/events';
import { inbox } from '../db/schema';
import type { OrderTaxService } from '../services/order-tax.service';

/** Consumer group and inbox consumer name of tax's checkout step. */
export const ORDER_SAGA_GROUP = 'tax-saga';

export interface OrderSagaDeps {
  db: Database;
  saga: OrderTaxService;
  /** Called after each handled event commits, so the reply leaves without waiting for a poll. */
  afterCommit?: () => void;
}

/**
 * `shop.orders.tax`: `order.tax-requested` is taxed, stored and answered once however often it is
 * delivered; the rates valid when orders asked apply.
 */
const routes = (saga: OrderTaxService): EventRoute<Transaction>[] => [
  on(orderTaxRequested, async (event, tx) => void (await saga.tax(tx, event.data, new Date(event.occurredAt)))),
];

export const orderSagaHandler = ({ db, saga, afterCommit }: OrderSagaDeps): EventHandler =>
  inboxRoutes({ db, inbox, group: ORDER_SAGA_GROUP, routes: routes(saga), afterCommit });

export const consumeOrderSaga = ({ transport, db, saga, afterCommit }: OrderSagaDeps & { transport: EventTransport }): Promise<Subscription> =>
  subscribeWithInbox({ transport, topics: [orderTopics.tax], db, inbox, group: ORDER_SAGA_GROUP, routes: routes(saga), afterCommit });
