import { z } from 'zod';
import { defineDataEvent } from '../define-event';
import { address, currencyCode, money, orderLine, productQuantity } from './saga-shapes';

/**
 * Every event the orders subgraph publishes, keyed by ORDER id so one order's events stay in
 * order. Orders orchestrates the checkout saga: the `*-requested` events ask one participant for
 * one step (on that participant's topic, `orderTopics`); the participant answers on its own
 * domain topic, also keyed by order id.
 *
 *   order.placed            -> promotions: order.discounted; shipping: order.shipping-quoted | order.shipping-unavailable
 *   order.tax-requested     -> tax: order.taxed
 *   order.stock-reservation-requested -> inventory: stock.reserved | stock.rejected
 *   order.payment-requested -> payments: payment.captured | payment.failed
 *   order.shipment-requested -> shipping: shipment.created
 *   order.confirmed         -> inventory commits the reservation
 *   order.cancelled         -> inventory releases / restocks, payments refunds, shipping cancels, promotions releases the order's uses
 *   order.claimed           -> payments and shipping move the order's payment and shipment to the customer who claimed it
 */
export const ordersTopic = 'shop.orders';

/**
 * The saga's topics, one per audience: each participant's consumer group reads only the order
 * events it acts on, instead of every event of `shop.orders` (five of six of which it would
 * skip). An event several participants act on (`order.placed`, `order.confirmed`,
 * `order.cancelled`) is written to each of their topics; one topic holds every event its audience
 * reads, keyed by order id, so a participant still sees one order's requests and cancellation in
 * the order they were made. `shop.orders` itself carries `order.status-changed`, which no
 * participant acts on.
 */
export const orderTopics = {
  promotions: 'shop.orders.promotions',
  shipping: 'shop.orders.shipping',
  tax: 'shop.orders.tax',
  inventory: 'shop.orders.inventory',
  payments: 'shop.orders.payments',
  notifications: 'shop.orders.notifications',
} as const;

/**
 * A guest's order (customer id `guest:<key>`) names where its mails go; a customer's order leaves
 * both out (notifications knows the account's address).
 */
const guestContact = {
  contactEmail: z.email().optional(),
  /** The shipping address's recipient name, to greet the guest. */
  contactName: z.string().min(1).optional(),
};

/** A shopper placed an order from a cart: the saga starts. Promotions and shipping both answer. */
export const orderPlaced = defineDataEvent({
  type: 'order.placed',
  topic: [orderTopics.promotions, orderTopics.shipping],
  data: {
    orderId: z.string().min(1),
    customerId: z.string().min(1),
    currency: currencyCode,
    lines: z.array(orderLine).min(1),
    /** Upper case, as the shopper entered it; promotions decides whether it applies. */
    couponCode: z.string().min(1).nullable(),
    shippingAddress: address,
    /** Sum of unitPrice x quantity. */
    subtotal: money,
    /** The shipping option (rate id) the shopper chose; absent or null: the cheapest. */
    shippingMethodId: z.string().min(1).nullish(),
  },
});

/** Discount and shipping are known: tax computes on the discounted lines plus shipping. */
export const orderTaxRequested = defineDataEvent({
  type: 'order.tax-requested',
  topic: orderTopics.tax,
  data: {
    orderId: z.string().min(1),
    customerId: z.string().min(1),
    shippingAddress: address,
    /** Each line's total after its share of the discount (what is taxed). */
    lines: z
      .array(
        z.object({
          lineId: z.string().min(1),
          productId: z.string().min(1),
          categoryId: z.string().min(1),
          quantity: z.number().int().min(1),
          netAmount: money,
        }),
      )
      .min(1),
    shippingCost: money,
  },
});

/** Hold these units for the order until it is confirmed (commit) or cancelled (release). */
export const orderStockReservationRequested = defineDataEvent({
  type: 'order.stock-reservation-requested',
  topic: orderTopics.inventory,
  data: { orderId: z.string().min(1), items: z.array(productQuantity).min(1) },
});

/** Authorize and capture the order's total. `paymentToken` is a provider token (e.g. `tok_visa`), never a card number. */
export const orderPaymentRequested = defineDataEvent({
  type: 'order.payment-requested',
  topic: orderTopics.payments,
  data: { orderId: z.string().min(1), customerId: z.string().min(1), amount: money, paymentToken: z.string().min(1) },
});

/** Paid: create the shipment with the carrier quoted earlier. */
export const orderShipmentRequested = defineDataEvent({
  type: 'order.shipment-requested',
  topic: orderTopics.shipping,
  data: {
    orderId: z.string().min(1),
    customerId: z.string().min(1),
    shippingAddress: address,
    items: z.array(productQuantity).min(1),
    carrier: z.string().min(1),
  },
});

export const orderStatuses = ['PENDING', 'PRICED', 'STOCK_RESERVED', 'PAID', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** Every status change of an order, in order (subscriptions, dashboards). */
export const orderStatusChanged = defineDataEvent({
  type: 'order.status-changed',
  topic: ordersTopic,
  data: {
    orderId: z.string().min(1),
    customerId: z.string().min(1),
    status: z.enum(orderStatuses),
    previousStatus: z.enum(orderStatuses).nullable(),
    /** Why, for CANCELLED: a sentence a shopper can read. */
    reason: z.string().min(1).nullable(),
    at: z.iso.datetime({ offset: true }),
  },
});

/** Shipment created, payment captured, stock held: the order is confirmed. Reservations become permanent (promotion uses were reserved at order.placed). */
export const orderConfirmed = defineDataEvent({
  type: 'order.confirmed',
  topic: [orderTopics.inventory, orderTopics.promotions, orderTopics.notifications],
  data: {
    orderId: z.string().min(1),
    customerId: z.string().min(1),
    total: money,
    items: z.array(productQuantity).min(1),
    /** Promotions that priced the order (from order.discounted). */
    promotionIds: z.array(z.string().min(1)),
    ...guestContact,
  },
});

/**
 * The order is cancelled (a failed step, an expired reservation, or the shopper / an admin before
 * shipment). Every participant undoes what it did for the order, if anything, exactly once:
 * inventory releases the reservation (or restocks committed units), payments refunds a capture,
 * shipping cancels the shipment.
 */
export const orderCancelled = defineDataEvent({
  type: 'order.cancelled',
  topic: [orderTopics.inventory, orderTopics.payments, orderTopics.shipping, orderTopics.promotions, orderTopics.notifications],
  data: {
    orderId: z.string().min(1),
    customerId: z.string().min(1),
    /** Machine-readable: PAYMENT_DECLINED, OUT_OF_STOCK, SHIPPING_UNAVAILABLE, RESERVATION_EXPIRED, CANCELLED_BY_CUSTOMER, CANCELLED_BY_ADMIN... */
    code: z.string().regex(/^[A-Z_]+$/),
    /** A sentence a shopper can read. */
    reason: z.string().min(1),
    /** The status the order had when cancelled. */
    previousStatus: z.enum(orderStatuses),
    items: z.array(productQuantity).min(1),
    ...guestContact,
  },
});

/**
 * A signed-in customer claimed a guest order placed with the e-mail address they verified
 * (`claimGuestOrders`): payments and shipping give the order's payment and shipment, which carry
 * the guest's customer id, to the customer. Keyed by order id like every step, so a payment or
 * shipment requested before the claim is created first and then moved; one requested after it
 * already carries the customer's id.
 */
export const orderClaimed = defineDataEvent({
  type: 'order.claimed',
  topic: [orderTopics.payments, orderTopics.shipping],
  data: {
    orderId: z.string().min(1),
    /** The guest's customer id (`guest:<key>`) the order had. */
    guestCustomerId: z.string().startsWith('guest:'),
    /** The user id of the customer who claimed it. */
    customerId: z.string().min(1),
  },
});

export type OrderPlaced = z.infer<typeof orderPlaced.schema>;
export type OrderTaxRequested = z.infer<typeof orderTaxRequested.schema>;
export type OrderStockReservationRequested = z.infer<typeof orderStockReservationRequested.schema>;
export type OrderPaymentRequested = z.infer<typeof orderPaymentRequested.schema>;
export type OrderShipmentRequested = z.infer<typeof orderShipmentRequested.schema>;
export type OrderStatusChanged = z.infer<typeof orderStatusChanged.schema>;
export type OrderConfirmed = z.infer<typeof orderConfirmed.schema>;
export type OrderCancelled = z.infer<typeof orderCancelled.schema>;
export type OrderClaimed = z.infer<typeof orderClaimed.schema>;
