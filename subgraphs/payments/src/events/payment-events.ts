import type { Executor } from '@shop/db';
import { appendToOutbox, paymentAuthorized, paymentCaptured, paymentFailed, paymentRefunded } from '@shop/events';
import { outbox } from '../db/schema';
import type { PaymentRecord } from '../stores/payment.store';

type Payment = Pick<PaymentRecord, 'id' | 'orderId' | 'customerId' | 'amount' | 'currency' | 'cardBrand' | 'cardLast4'>;

/** Payment events, appended in the caller's transaction and keyed by order id (the saga's aggregate). */
export const paymentEvents = {
  authorized: (tx: Executor, p: Payment) =>
    appendToOutbox(tx, outbox, paymentAuthorized, p.orderId, {
      paymentId: p.id,
      orderId: p.orderId,
      customerId: p.customerId,
      amount: { amount: p.amount, currency: p.currency },
      cardBrand: p.cardBrand,
      cardLast4: p.cardLast4,
    }),
  captured: (tx: Executor, p: Payment, amount: number) =>
    appendToOutbox(tx, outbox, paymentCaptured, p.orderId, { paymentId: p.id, orderId: p.orderId, amount: { amount, currency: p.currency } }),
  failed: (tx: Executor, p: Payment, stage: 'authorization' | 'capture', reason: string) =>
    appendToOutbox(tx, outbox, paymentFailed, p.orderId, { paymentId: p.id, orderId: p.orderId, stage, reason }),
  refunded: (tx: Executor, p: Payment, amount: number, refundedTotal: number, fullyRefunded: boolean) =>
    appendToOutbox(tx, outbox, paymentRefunded, p.orderId, {
      paymentId: p.id,
      orderId: p.orderId,
      amount: { amount, currency: p.currency },
      refundedTotal: { amount: refundedTotal, currency: p.currency },
      fullyRefunded,
    }),
};
