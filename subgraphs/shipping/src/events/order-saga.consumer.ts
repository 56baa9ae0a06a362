import type { Database, Transaction } from '@shop/db';
import {
  inboxRoutes,
  on,
  orderCancelled,
  orderClaimed,
  orderPlaced,
  orderShipmentRequested,
  orderTopics,
  subscribeWithInbox,
  type EventHandler,
  type EventRoute,
  type EventTransport,
  type Subscription,
} from '@shop/events';
import { inbox } from '../db/schema';
import type { ShippingSaga } from '../services/shipping-saga.service';

/** Consumer group and inbox consumer name of shipping's part in the checkout saga. */
export const ORDER_SAGA_GROUP = 'shipping-saga';

export interface OrderSagaDeps {
  db: Database;
  saga: ShippingSaga;
  /** Called after each handled event commits, so the reply leaves without waiting for a poll. */
  afterCommit?: () => void;
}

/**
 * `shop.orders.shipping`: order.placed (quote), order.shipment-requested, order.cancelled and
 * order.claimed, each inside the inbox transaction (exactly-once effects and replies).
 */
const routes = (saga: ShippingSaga): EventRoute<Transaction>[] => [
  on(orderPlaced, (event, tx) => saga.quote(tx, event.data)),
  on(orderShipmentRequested, async (event, tx) => void (await saga.createShipment(tx, event.data))),
  on(orderCancelled, async (event, tx) => void (await saga.cancelShipment(tx, event.data))),
  on(orderClaimed, (event, tx) => saga.claim(tx, event.data)),
];

export const orderSagaHandler = ({ db, saga, afterCommit }: OrderSagaDeps): EventHandler =>
  inboxRoutes({ db, inbox, group: ORDER_SAGA_GROUP, routes: routes(saga), afterCommit });

export const consumeOrderSaga = ({ transport, db, saga, afterCommit }: OrderSagaDeps & { transport: EventTransport }): Promise<Subscription> =>
  subscribeWithInbox({ transport, topics: [orderTopics.shipping], db, inbox, group: ORDER_SAGA_GROUP, routes: routes(saga), afterCommit });
