import type { Executor } from '@shop/db';
import { appendToOutbox, returnRefunded, type OrderClaimed, type OrderPaymentRequested, type ReturnReceived } from '@shop/events';
import { outbox } from '../db/schema';
import type { PaymentStore } from '../stores/payment.store';
import type { PaymentResult } from './payment-errors';
import type { PaymentService } from './payment.service';

/** How a transient PROCESSOR_ERROR is retried before the payment is given up. */
export interface ProcessorRetry {
  /**
   * Calls of one step (the first included), all with the same idempotency key.
   * @default 3
   */
  attempts: number;
  /**
   * Wait before retry n is `backoffMs * 2^(n-1)`; the inbox transaction stays open meanwhile,
   * so keep it short.
   * @default 200
   */
  backoffMs: number;
}

export const DEFAULT_PROCESSOR_RETRY: ProcessorRetry = { attempts: 3, backoffMs: 200 };

export interface OrderPaymentOptions {
  /** The payment service and store working inside a caller's transaction (their steps run in it, no savepoints). */
  paymentsIn: (tx: Executor) => { payments: PaymentService; store: PaymentStore };
  retry: ProcessorRetry;
  sleep?: (ms: number) => Promise<void>;
}

/** Provider outcomes the payment service already answered with `payment.failed`. */
const answered = new Set(['CARD_DECLINED', 'INSUFFICIENT_FUNDS', 'INVALID_CARD', 'CAPTURE_DECLINED']);

/**
 * The payments side of the checkout saga. Every method runs in the caller's (inbox) transaction;
 * the idempotency keys `order:<orderId>:authorize|capture|refund` make a repeated request replay
 * instead of charging or refunding again, and the service publishes every reply through its outbox.
 */
export class OrderPaymentService {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: OrderPaymentOptions) {
    const { attempts, backoffMs } = options.retry;
    if (!Number.isInteger(attempts) || attempts < 1) throw new Error('payments: processor retry attempts must be an integer >= 1');
    if (!Number.isInteger(backoffMs) || backoffMs < 0) throw new Error('payments: processor retry backoffMs must be an integer >= 0');
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Authorizes then captures the order's amount: `payment.captured`, or `payment.failed` (also after PROCESSOR_ERROR retries run out). */
  async pay(tx: Executor, request: OrderPaymentRequested): Promise<void> {
    const { payments } = this.options.paymentsIn(tx);
    const { orderId, customerId, amount, paymentToken } = request;
    const authorization = { idempotencyKey: `order:${orderId}:authorize`, orderId, customerId, amount, method: { token: paymentToken } };
    const authorized = await this.settle(
      orderId,
      () => payments.authorize(authorization),
      () => payments.abandonAuthorization(authorization),
    );
    if (!authorized) return;
    const capture = { idempotencyKey: `order:${orderId}:capture`, paymentId: authorized.id };
    await this.settle(
      orderId,
      () => payments.capture(capture),
      () => payments.abandonCapture(capture),
    );
  }

  /** Refunds what is left of the order's captured payment, if any: `payment.refunded`, once. */
  async refund(tx: Executor, orderId: string): Promise<void> {
    const { payments, store } = this.options.paymentsIn(tx);
    const captured = (await store.findByOrderIds([orderId])).find((payment) => payment.capturedAmount > payment.refundedAmount);
    if (!captured) return;
    const refund = { idempotencyKey: `order:${orderId}:refund`, paymentId: captured.id, amount: captured.capturedAmount - captured.refundedAmount };
    const result = await this.retrying(() => payments.refund(refund));
    // Thrown so the transport retries the event and finally dead-letters it: a refund must not be lost.
    if (result.errors[0]) throw new Error(`payments: refunding order ${orderId} failed: ${result.errors[0].code}`);
  }

  /** order.claimed: the order's payment becomes the claiming customer's (their `Order.payment`, their payment queries). */
  async claim(tx: Executor, claimed: OrderClaimed): Promise<void> {
    await this.options.paymentsIn(tx).store.moveToCustomer(claimed.orderId, claimed.guestCustomerId, claimed.customerId, tx);
  }

  /**
   * A received return: refunds the `refund` orders computed (key `return:<returnId>:refund`, so a
   * repeated request replays) and answers `return.refunded`. Orders keeps the refunds of an order's
   * returns summing to at most its capture; a refund over what is left is REFUND_EXCEEDS_CAPTURED
   * and dead-letters the event rather than refunding a different amount.
   */
  async refundReturn(tx: Executor, request: ReturnReceived): Promise<void> {
    const { payments, store } = this.options.paymentsIn(tx);
    const { returnId, orderId, refund } = request;
    if (refund.amount > 0) {
      const captured = (await store.findByOrderIds([orderId])).find((payment) => payment.capturedAmount > 0);
      if (!captured) throw new Error(`payments: return ${returnId} of order ${orderId} has no captured payment to refund`);
      const result = await this.retrying(() => payments.refund({ idempotencyKey: `return:${returnId}:refund`, paymentId: captured.id, amount: refund.amount }));
      if (result.errors[0]) throw new Error(`payments: refunding return ${returnId} failed: ${result.errors[0].code}`);
    }
    await appendToOutbox(tx, outbox, returnRefunded, orderId, { returnId, orderId, refund });
  }

  /**
   * Runs a step, retrying a transient PROCESSOR_ERROR; when retries run out the step is given up
   * (`payment.failed` PROCESSOR_ERROR). Answers the payment on success, null when a failure was answered.
   */
  private async settle(orderId: string, step: () => Promise<PaymentResult>, giveUp: () => Promise<PaymentResult>) {
    const result = await this.retrying(step);
    const [error] = result.errors;
    if (!error) return result.payment;
    if (error.retryable) await giveUp();
    else if (!answered.has(error.code) && error.code !== 'PROCESSOR_ERROR') {
      // IDEMPOTENCY_KEY_REUSED (a repeated request with another amount or token), INVALID_AMOUNT:
      // nothing was charged and no reply fits, so the event is dead-lettered with the reason.
      throw new Error(`payments: cannot pay order ${orderId}: ${error.code} (${error.message})`);
    }
    return null;
  }

  private async retrying(call: () => Promise<PaymentResult>): Promise<PaymentResult> {
    const { attempts, backoffMs } = this.options.retry;
    for (let attempt = 1; ; attempt++) {
      const result = await call();
      if (!result.errors[0]?.retryable || attempt >= attempts) return result;
      await this.sleep(backoffMs * 2 ** (attempt - 1));
    }
  }
}
