import type { Database, Executor, Transaction } from '@shop/db';
import { appendToOutbox, createInboxHandler, on, orderTaxed, orderTaxRequested, orderTopics, routeEvents, type EventHandler, type EventTransport, type Subscription } from '@shop/events';
import { inbox, outbox } from '../db/schema';
import type { OrderTax } from '../services/order-tax';
import type { OrderTaxService } from '../services/order-tax.service';

/** Consumer group and inbox consumer name of tax's checkout step. */
export const ORDER_SAGA_GROUP = 'tax-saga';

/** Records `order.taxed` (keyed by order id) in the caller's transaction. */
export async function announceOrderTaxed(tx: Executor, orderId: string, tax: OrderTax): Promise<void> {
  await appendToOutbox(tx, outbox, orderTaxed, orderId, { orderId, tax: { amount: tax.total, currency: tax.currency }, lines: tax.lines });
}
export type AnnounceOrderTaxed = typeof announceOrderTaxed;

/**
 * The inbox-wrapped handler: `order.tax-requested` is taxed, stored and answered once however
 * often it is delivered; rates valid when orders asked apply. `afterCommit` wakes the relay.
 */
export interface OrderSagaDeps {
  db: Database;
  orderTaxes: OrderTaxService;
  /** Wakes the relay after each handled event commits. */
  afterCommit?: () => void;
}

export function orderSagaHandler({ db, orderTaxes, afterCommit = () => {} }: OrderSagaDeps): EventHandler {
  const route = routeEvents<Transaction>(on(orderTaxRequested, async (event, tx) => void (await orderTaxes.tax(tx, event.data, new Date(event.occurredAt)))));
  return createInboxHandler({ db, inbox, consumer: ORDER_SAGA_GROUP, handles: route.handles, handle: (tx, envelope) => route(envelope, tx), afterCommit });
}

export function consumeOrderSaga(deps: OrderSagaDeps & { transport: EventTransport }): Promise<Subscription> {
  return deps.transport.subscribe({ groupId: ORDER_SAGA_GROUP, topics: [orderTopics.tax], handler: orderSagaHandler(deps) });
}
