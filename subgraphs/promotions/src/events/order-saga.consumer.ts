import type { Database, Transaction } from '@shop/db';
import {
  appendToOutbox,
  createInboxHandler,
  on,
  orderCancelled,
  orderConfirmed,
  orderDiscounted,
  orderPlaced,
  orderTopics,
  routeEvents,
  type EventEnvelope,
  type EventHandler,
  type EventTransport,
  type OrderCancelled,
  type OrderConfirmed,
  type OrderPlaced,
  type Subscription,
} from '@shop/events';
import type { Logger } from '@shop/subgraph-kit';
import { inbox, outbox } from '../db/schema';
import type { OrderDiscountService } from '../services/order-discount.service';
import type { UsageService } from '../services/usage.service';

/** Consumer group and inbox consumer name of promotions' checkout steps (distinct from `promotions`, the product events). */
export const ORDER_SAGA_GROUP = 'promotions-saga';

export interface OrderSagaDeps {
  db: Database;
  discounts: OrderDiscountService;
  usage: UsageService;
  logger: Logger;
  /** Called after each consumed event commits (wakes the outbox relay). */
  afterCommit?: () => void;
}

/**
 * `order.placed`: the order's discount, from the same `discountMany` as `Cart.discount`, as at the
 * moment the order was placed, for the ordering customer, with one use of each of its promotions
 * reserved in this transaction; replied as `order.discounted`. A promotion whose limit another
 * order took meanwhile does not apply (a coupon is named in `rejectedCoupon`), so the total orders
 * charges is the one it tells the shopper.
 */
async function discountOrder(deps: OrderSagaDeps, event: EventEnvelope<OrderPlaced>, tx: Transaction): Promise<void> {
  const order = event.data;
  const result = await deps.discounts.discountAndReserve(tx, order, new Date(event.occurredAt));
  await appendToOutbox(tx, outbox, orderDiscounted, order.orderId, {
    orderId: order.orderId,
    discount: result.total,
    lines: result.lines.map((line) => ({ lineId: line.lineId, discount: line.amount })),
    promotions: result.promotions.map(({ promotion, discount }) => ({ promotionId: promotion.id, name: promotion.name, couponCode: promotion.couponCode, amount: discount })),
    rejectedCoupon: result.rejectedCoupon,
  });
}

/** `order.cancelled`: the order's uses go back, so its coupon can price another order. */
async function releaseUsage(deps: OrderSagaDeps, event: EventEnvelope<OrderCancelled>, tx: Transaction): Promise<void> {
  await deps.usage.releaseWithin(tx, event.data.orderId);
}

/**
 * `order.confirmed`: nothing left to do for orders whose uses were reserved at `order.placed`
 * (ALREADY_RECORDED); counts the uses of an order placed before reservations existed.
 */
async function recordUsage(deps: OrderSagaDeps, event: EventEnvelope<OrderConfirmed>, tx: Transaction): Promise<void> {
  const { orderId, customerId, promotionIds } = event.data;
  for (const promotionId of [...new Set(promotionIds.map((id) => id.toLowerCase()))].sort()) {
    const { outcome } = await deps.usage.recordWithin(tx, promotionId, customerId, orderId);
    // The order was already priced with it: a limit reached since is the shop's cost, not the shopper's.
    if (outcome !== 'RECORDED' && outcome !== 'ALREADY_RECORDED') deps.logger.warn({ orderId, promotionId, outcome }, 'promotion usage not recorded');
  }
}

/** The inbox-wrapped handler: one effect and one reply per event, however often it is delivered. */
export function orderSagaHandler(deps: OrderSagaDeps): EventHandler {
  const route = routeEvents<Transaction>(
    on(orderPlaced, (event, tx) => discountOrder(deps, event, tx)),
    on(orderConfirmed, (event, tx) => recordUsage(deps, event, tx)),
    on(orderCancelled, (event, tx) => releaseUsage(deps, event, tx)),
  );
  return createInboxHandler({
    db: deps.db,
    inbox,
    consumer: ORDER_SAGA_GROUP,
    handles: route.handles,
    handle: (tx, envelope) => route(envelope, tx),
    ...(deps.afterCommit ? { afterCommit: deps.afterCommit } : {}),
  });
}

export function consumeOrderSaga(transport: EventTransport, deps: OrderSagaDeps): Promise<Subscription> {
  return transport.subscribe({ groupId: ORDER_SAGA_GROUP, topics: [orderTopics.promotions], handler: orderSagaHandler(deps) });
}
