import { z } from 'zod';
import { defineDataEvent } from '../define-event';
import { money } from './saga-shapes';

/** Every payment event, keyed by ORDER id so one order's payment events stay in order for the saga. */
export const paymentsTopic = 'shop.payments';

/** Funds are held on the card for an order (not yet charged). */
export const paymentAuthorized = defineDataEvent({
  type: 'payment.authorized',
  topic: paymentsTopic,
  data: {
    paymentId: z.string().min(1),
    orderId: z.string().min(1),
    customerId: z.string().min(1),
    amount: money,
    cardBrand: z.string().min(1),
    cardLast4: z.string().regex(/^\d{4}$/),
  },
});

/** The held funds were charged; the saga may go on to shipping. */
export const paymentCaptured = defineDataEvent({
  type: 'payment.captured',
  topic: paymentsTopic,
  data: { paymentId: z.string().min(1), orderId: z.string().min(1), amount: money },
});

/**
 * Authorization or capture failed for good (declined card, insufficient funds, capture refused).
 * Retryable processor errors are NOT published: the caller retries with the same idempotency key.
 */
export const paymentFailed = defineDataEvent({
  type: 'payment.failed',
  topic: paymentsTopic,
  data: {
    paymentId: z.string().min(1),
    orderId: z.string().min(1),
    stage: z.enum(['authorization', 'capture']),
    /** A provider code such as CARD_DECLINED, INSUFFICIENT_FUNDS, CAPTURE_DECLINED. */
    reason: z.string().min(1),
  },
});

/** Money went back to the customer; `refundedTotal` is the sum of every refund so far. */
export const paymentRefunded = defineDataEvent({
  type: 'payment.refunded',
  topic: paymentsTopic,
  data: {
    paymentId: z.string().min(1),
    orderId: z.string().min(1),
    amount: money,
    refundedTotal: money,
    fullyRefunded: z.boolean(),
  },
});

export type PaymentAuthorized = z.infer<typeof paymentAuthorized.schema>;
export type PaymentCaptured = z.infer<typeof paymentCaptured.schema>;
export type PaymentFailed = z.infer<typeof paymentFailed.schema>;
export type PaymentRefunded = z.infer<typeof paymentRefunded.schema>;
