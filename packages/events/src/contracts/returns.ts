import { z } from 'zod';
import { defineDataEvent } from '../define-event';
import { orderTopics, ordersTopic } from './orders';
import { paymentsTopic } from './payments';
import { money } from './saga-shapes';

/**
 * Returns (RMA) of delivered orders, keyed by ORDER id like every order event. Orders owns a
 * return's status; the participants act on its receipt:
 *
 *   return.status-changed -> notifications: a return-update notification and mail
 *   return.received       -> inventory: restocks the returned units; payments: refunds `refund`
 *   return.refunded       <- payments, answered once per return: orders moves the return to REFUNDED
 */
export const returnStatuses = ['REQUESTED', 'APPROVED', 'REJECTED', 'RECEIVED', 'REFUNDED'] as const;
export type ReturnStatus = (typeof returnStatuses)[number];

/**
 * Units of one order line coming back: inventory restocks `variantId`, the line's sellable unit
 * (absent in events from before variants: the product's default variant, see `variantOf`).
 */
export const returnedItem = z.object({
  lineId: z.string().min(1),
  productId: z.string().min(1),
  variantId: z.string().min(1).optional(),
  quantity: z.number().int().min(1),
});

/** Every status a return goes through (REQUESTED first), for the shopper's notifications. */
export const returnStatusChanged = defineDataEvent({
  type: 'return.status-changed',
  topic: [ordersTopic, orderTopics.notifications],
  data: {
    returnId: z.string().min(1),
    orderId: z.string().min(1),
    customerId: z.string().min(1),
    status: z.enum(returnStatuses),
    previousStatus: z.enum(returnStatuses).nullable(),
    /** The admin's note on APPROVED / REJECTED, the shopper's reason on REQUESTED; null otherwise. */
    note: z.string().min(1).nullable(),
    /** Units coming back over all lines. */
    units: z.number().int().min(1),
    /** What is (REQUESTED, APPROVED: would be) refunded; final from RECEIVED on. */
    refund: money,
    at: z.iso.datetime({ offset: true }),
  },
});

/**
 * The shop received the returned units: inventory puts them back on hand, payments refunds
 * `refund` (the lines' share of what was paid, see orders' README), each exactly once per return.
 */
export const returnReceived = defineDataEvent({
  type: 'return.received',
  topic: [orderTopics.inventory, orderTopics.payments],
  data: {
    returnId: z.string().min(1),
    orderId: z.string().min(1),
    customerId: z.string().min(1),
    items: z.array(returnedItem).min(1),
    refund: money,
  },
});

/** Payments refunded a received return (`refund.amount` may be 0 when nothing was charged). */
export const returnRefunded = defineDataEvent({
  type: 'return.refunded',
  topic: paymentsTopic,
  data: { returnId: z.string().min(1), orderId: z.string().min(1), refund: money },
});

export type ReturnedItem = z.infer<typeof returnedItem>;
export type ReturnStatusChanged = z.infer<typeof returnStatusChanged.schema>;
export type ReturnReceived = z.infer<typeof returnReceived.schema>;
export type ReturnRefunded = z.infer<typeof returnRefunded.schema>;
