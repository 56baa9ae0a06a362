import type { Database, Transaction } from '@shop/db';
import { createInboxHandler, on, orderCancelled, orderClaimed, orderPlaced, orderShipmentRequested, orderTopics, routeEvents, type EventHandler, type EventTransport, type Subscription } from '@shop/events';
import { inbox } from '../db/schema';
import type { ShippingSaga } from '../services/shipping-saga.service';

/** Consumer group and inbox consumer name of shipping's part in the checkout saga. */
export const SHIPPING_SAGA_GROUP = 'shipping-saga';

/**
 * The saga handler: routes order.placed, order.shipment-requested, order.cancelled and
 * order.claimed to the saga steps, each inside the inbox transaction (exactly-once effects and replies). Other order
 * events are recorded in the inbox and ignored.
 */
export function shippingSagaHandler(db: Database, saga: ShippingSaga, afterCommit?: () => void): EventHandler {
  const route = routeEvents<Transaction>(
    on(orderPlaced, (event, tx) => saga.quote(tx, event.data)),
    on(orderShipmentRequested, async (event, tx) => {
      await saga.createShipment(tx, event.data);
    }),
    on(orderCancelled, async (event, tx) => {
      await saga.cancelShipment(tx, event.data);
    }),
    on(orderClaimed, (event, tx) => saga.claim(tx, event.data)),
  );
  return createInboxHandler({ db, inbox, consumer: SHIPPING_SAGA_GROUP, handles: route.handles, handle: (tx, envelope) => route(envelope, tx), ...(afterCommit ? { afterCommit } : {}) });
}

export interface OrderSagaDeps {
  db: Database;
  transport: EventTransport;
  saga: ShippingSaga;
  /** Called after each handled event commits, so the reply leaves without waiting for a poll. */
  afterCommit: () => void;
}

/** Subscribes shipping to the orders topic as the `shipping-saga` group. */
export function consumeOrderSaga({ db, transport, saga, afterCommit }: OrderSagaDeps): Promise<Subscription> {
  return transport.subscribe({ groupId: SHIPPING_SAGA_GROUP, topics: [orderTopics.shipping], handler: shippingSagaHandler(db, saga, afterCommit) });
}
