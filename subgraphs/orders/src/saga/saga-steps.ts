import type { Transaction } from '@shop/db';
import {
  on,
  orderDiscounted,
  orderPaymentRequested,
  orderShipmentRequested,
  orderShippingQuoted,
  orderShippingUnavailable,
  orderStockReservationRequested,
  orderTaxed,
  orderTaxRequested,
  orderConfirmed,
  paymentCaptured,
  paymentFailed,
  recordClaim,
  routeEvents,
  shipmentCreated,
  shipmentDelivered,
  shipmentShipped,
  stockRejected,
  stockReleased,
  stockReserved,
  type EventRoute,
  type InboxClaim,
  type OrderStatus,
} from '@shop/events';
import { couponRejectionMessage } from '@shop/discounts';
import { couponRejectionOf, guestContactOf, itemsOf, lineName, netLines, orderTotal, withLineDiscounts } from '../services/order-pricing';
import type { OrderChanges, OrderRecord, OrderStore } from '../stores/order.store';
import type { AfterCommit } from './after-commit';
import { paymentDeclined, reservationExpired, shippingUnavailable, stockRefused } from './cancellation-reasons';
import { pending, type OrderLifecycle } from './order-lifecycle';

export interface SagaContext {
  tx: Transaction;
  after: AfterCommit;
  /** A single answer's inbox row, written with the order's lock (none in a batch: already written). */
  claim?: InboxClaim | undefined;
}

type Step = (order: OrderRecord, context: SagaContext) => Promise<unknown>;

/**
 * The orchestrator: each participant's answer moves one order one step (`more`: routes of other
 * flows answered on the same topics, e.g. returns' `return.refunded`). The order row is locked,
 * and an answer that does not fit the order's status (a late reply to a cancelled order, a replay)
 * changes nothing: participants undo their own work when they hear `order.cancelled`.
 */
export function sagaSteps(orders: OrderStore, lifecycle: OrderLifecycle, ...more: EventRoute<SagaContext>[]) {
  const when = async (expected: OrderStatus[], orderId: string, context: SagaContext, step: Step): Promise<void> => {
    const order = await orders.lock(orderId, context.tx, context.claim);
    if (order && expected.includes(order.status)) await step(order, context);
  };

  /**
   * One of the two parallel answers to order.placed (discount, shipping) is in: record it, and
   * once both are, ask for tax in the same statement.
   */
  const price = async (order: OrderRecord, changes: OrderChanges, { tx, after }: SagaContext) => {
    const priced = { ...order, ...changes };
    if (priced.discount === null || priced.shippingCost === null) return lifecycle.update(tx, order, changes, after);
    const taxRequest = pending(orderTaxRequested, {
      orderId: priced.id,
      customerId: priced.customerId,
      shippingAddress: priced.shippingAddress,
      lines: netLines(priced),
      shippingCost: { amount: priced.shippingCost, currency: priced.currency },
    });
    return lifecycle.update(tx, order, changes, after, [taxRequest]);
  };

  const paymentRequest = (order: OrderRecord) =>
    pending(orderPaymentRequested, {
      orderId: order.id,
      customerId: order.customerId,
      amount: { amount: order.total ?? 0, currency: order.currency },
      paymentToken: order.paymentToken,
    });

  const shipmentRequest = (order: OrderRecord) =>
    pending(orderShipmentRequested, {
      orderId: order.id,
      customerId: order.customerId,
      shippingAddress: order.shippingAddress,
      items: itemsOf(order),
      carrier: order.carrier ?? 'standard',
    });

  /** Stock held: ask for the payment, in the statement that records STOCK_RESERVED. */
  const reserved = async (order: OrderRecord, { tx, after }: SagaContext) => {
    if (order.total !== 0) return lifecycle.moveTo(tx, order, 'STOCK_RESERVED', {}, after, { publish: [paymentRequest(order)] });
    // Nothing to charge (a 100 % discount with free shipping): straight on to shipping.
    const held = await lifecycle.moveTo(tx, order, 'STOCK_RESERVED', {}, after);
    return lifecycle.moveTo(tx, held, 'PAID', {}, after, { publish: [shipmentRequest(held)] });
  };

  return routeEvents<SagaContext>(
    on(orderDiscounted, (event, context) =>
      when(['PENDING'], event.data.orderId, context, async (order) => {
        if (order.discount !== null) return;
        await price(
          order,
          {
            discount: Math.min(event.data.discount.amount, order.subtotal),
            lines: withLineDiscounts(order.lines, event.data),
            promotions: event.data.promotions.map((p) => ({ promotionId: p.promotionId, name: p.name, couponCode: p.couponCode, amount: p.amount.amount })),
            couponRejection: couponRejectionOf(event.data),
          },
          context,
        );
      }),
    ),
    on(orderShippingQuoted, (event, context) =>
      when(['PENDING'], event.data.orderId, context, async (order) => {
        if (order.shippingCost !== null) return;
        await price(order, { shippingCost: event.data.cost.amount, carrier: event.data.carrier }, context);
      }),
    ),
    on(orderShippingUnavailable, (event, context) =>
      when(['PENDING'], event.data.orderId, context, (order) => {
        const { code, reason } = shippingUnavailable(event.data.country);
        return lifecycle.cancel(context.tx, order, code, reason, context.after);
      }),
    ),
    on(orderTaxed, (event, context) =>
      when(['PENDING'], event.data.orderId, context, async (order) => {
        if (order.discount === null || order.shippingCost === null) return;
        const tax = event.data.tax.amount;
        // A dropped coupon is said where the shopper watches the order, with the sentence of Order.couponRejection.
        const why = order.couponRejection ? couponRejectionMessage(order.couponRejection) : null;
        const reservation = pending(orderStockReservationRequested, { orderId: order.id, items: itemsOf(order) });
        await lifecycle.moveTo(context.tx, order, 'PRICED', { tax, total: orderTotal({ ...order, tax }) }, context.after, {
          reason: why,
          publish: [reservation],
        });
      }),
    ),
    on(stockReserved, (event, context) => when(['PRICED'], event.data.orderId, context, (order) => reserved(order, context))),
    on(stockRejected, (event, context) =>
      when(['PRICED'], event.data.orderId, context, (order) => {
        // Replies recorded before variants name products only.
        const short = event.data.variantIds
          ? order.lines.filter((line) => event.data.variantIds!.includes(line.variantId))
          : order.lines.filter((line) => event.data.productIds.includes(line.productId));
        const names = short.map(lineName);
        const { code, reason } = stockRefused(event.data.reason, event.data.productIds, names);
        return lifecycle.cancel(context.tx, order, code, reason, context.after);
      }),
    ),
    on(stockReleased, (event, context) =>
      event.data.reason !== 'expired'
        ? Promise.resolve()
        : when(['STOCK_RESERVED', 'PAID'], event.data.orderId, context, (order) => {
            const { code, reason } = reservationExpired();
            return lifecycle.cancel(context.tx, order, code, reason, context.after);
          }),
    ),
    on(paymentCaptured, (event, context) =>
      when(['STOCK_RESERVED'], event.data.orderId, context, (order) =>
        lifecycle.moveTo(context.tx, order, 'PAID', {}, context.after, { publish: [shipmentRequest(order)] }),
      ),
    ),
    on(paymentFailed, (event, context) =>
      when(['STOCK_RESERVED'], event.data.orderId, context, (order) => {
        const { code, reason } = paymentDeclined(event.data.reason);
        return lifecycle.cancel(context.tx, order, code, reason, context.after);
      }),
    ),
    on(shipmentCreated, (event, context) =>
      when(['PAID'], event.data.orderId, context, async (order) => {
        const confirmation = pending(orderConfirmed, {
          orderId: order.id,
          customerId: order.customerId,
          total: { amount: order.total ?? 0, currency: order.currency },
          items: itemsOf(order),
          promotionIds: (order.promotions ?? []).map((p) => p.promotionId),
          ...guestContactOf(order),
        });
        await lifecycle.moveTo(context.tx, order, 'CONFIRMED', {}, context.after, { publish: [confirmation] });
      }),
    ),
    on(shipmentShipped, (event, context) =>
      when(['CONFIRMED'], event.data.orderId, context, (order) => lifecycle.moveTo(context.tx, order, 'SHIPPED', {}, context.after)),
    ),
    on(shipmentDelivered, (event, context) =>
      when(['SHIPPED'], event.data.orderId, context, (order) => lifecycle.moveTo(context.tx, order, 'DELIVERED', {}, context.after)),
    ),
    // Other flows' routes start with statements of their own: the inbox row first, then the route.
    ...more.map((route): EventRoute<SagaContext> => ({
      type: route.type,
      run: async (envelope, { claim, ...context }) => {
        if (!claim || (await recordClaim(context.tx, claim))) await route.run(envelope, context);
      },
    })),
  );
}
