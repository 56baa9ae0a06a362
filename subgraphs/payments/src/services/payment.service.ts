import type { Executor, Transact } from '@shop/db';
import { requireRole, requireUuid, type SubgraphContext } from '@shop/subgraph-kit';
import { paymentEvents } from '../events/payment-events';
import type { CardSummary, Money, PaymentMethod, PaymentProvider, ProviderFailure } from '../providers/payment-provider';
import { completion, type IdempotencyStore, type StoredOutcome } from '../stores/idempotency.store';
import type { PaymentRecord, PaymentStore } from '../stores/payment.store';
import { fingerprint, runIdempotent, type StepOutcome } from './idempotency';
import { failure, type PaymentErrorCode, type PaymentFailure, type PaymentResult } from './payment-errors';

export interface AuthorizeInput {
  idempotencyKey: string;
  orderId: string;
  /** The order's customer; the only non-admin who may see the payment. */
  customerId: string;
  amount: Money;
  method: PaymentMethod;
}
export interface CaptureInput {
  idempotencyKey: string;
  paymentId: string;
}
export interface RefundInput {
  idempotencyKey: string;
  paymentId: string;
  /** Minor units, > 0; all refunds together never exceed the captured amount. */
  amount: number;
}

const stored = (paymentId: string | null, error: Omit<PaymentFailure, 'retryable'> | null = null): StoredOutcome => ({ paymentId, error });
const final = (outcome: StoredOutcome): StepOutcome => ({ outcome, final: true });
const providerError = (paymentId: string | null, f: ProviderFailure): StepOutcome => ({
  outcome: stored(paymentId, { code: f.code, field: null, message: f.message }),
  final: !f.retryable,
});
const validKey = (key: string) => key.length >= 1 && key.length <= 200;
const gaveUp = { code: 'PROCESSOR_ERROR', field: null, message: 'The processor kept failing; the payment was given up' } as const;

const newPayment = (input: AuthorizeInput, card: CardSummary) => ({
  orderId: input.orderId,
  customerId: input.customerId,
  amount: input.amount.amount,
  currency: input.amount.currency,
  cardBrand: card.brand,
  cardLast4: card.last4,
});

/**
 * Authorize, capture and refund, each idempotent by key: a retry with the same key and parameters
 * replays the first outcome without calling the provider; other parameters are refused.
 */
export class PaymentService {
  constructor(
    private readonly payments: PaymentStore,
    private readonly keys: IdempotencyStore,
    private readonly provider: PaymentProvider,
    private readonly transact: Transact,
  ) {}

  async authorize(input: AuthorizeInput): Promise<PaymentResult> {
    const { amount } = input;
    if (!Number.isInteger(amount.amount) || amount.amount <= 0 || !/^[A-Z]{3}$/.test(amount.currency)) {
      return { payment: null, errors: [failure('INVALID_AMOUNT', 'amount must be a positive integer in minor units with an ISO 4217 currency', 'amount')] };
    }
    return this.idempotent(input.idempotencyKey, this.authorizePrint(input), (tx) => this.authorizeStep(input, tx));
  }

  private authorizePrint(input: AuthorizeInput): string {
    const method = 'token' in input.method ? { token: input.method.token } : this.provider.describe(input.method);
    return fingerprint('authorize', { orderId: input.orderId, customerId: input.customerId, ...input.amount, ...method });
  }

  /**
   * Ends an authorization that kept failing with PROCESSOR_ERROR (the caller stopped retrying): a
   * DECLINED payment with that reason becomes the key's final outcome, so the provider is never
   * called for this key again, and `payment.failed` is published. A key that already has a final
   * outcome replays it instead (nothing is recorded or published twice).
   */
  async abandonAuthorization(input: AuthorizeInput): Promise<PaymentResult> {
    return this.idempotent(input.idempotencyKey, this.authorizePrint(input), async (tx) => {
      const card = this.provider.describe(input.method);
      const payment = { ...newPayment(input, card), status: 'DECLINED' as const, failureReason: gaveUp.code, providerRef: null };
      const id = await this.payments.insert(payment, tx);
      await paymentEvents.failed(tx, { ...payment, id }, 'authorization', gaveUp.code);
      return final(stored(id, gaveUp));
    });
  }

  /** As `abandonAuthorization`, for a capture: the payment becomes FAILED (PROCESSOR_ERROR) and `payment.failed` is published once. */
  async abandonCapture(input: CaptureInput): Promise<PaymentResult> {
    return this.idempotent(input.idempotencyKey, fingerprint('capture', { paymentId: input.paymentId }), async (tx) => {
      const payment = await this.payments.lock(input.paymentId, tx);
      if (!payment) return { outcome: stored(null, { code: 'NOT_FOUND', field: 'paymentId', message: 'No such payment' }), final: false };
      if (payment.status !== 'AUTHORIZED') {
        return final(stored(payment.id, { code: 'NOT_AUTHORIZED', field: 'paymentId', message: `A ${payment.status} payment cannot be captured` }));
      }
      await this.payments.setStatus(payment.id, 'FAILED', gaveUp.code, tx);
      await paymentEvents.failed(tx, payment, 'capture', gaveUp.code);
      return final(stored(payment.id, gaveUp));
    });
  }

  private async authorizeStep(input: AuthorizeInput, tx: Executor): Promise<StepOutcome> {
    const result = await this.provider.authorize({ idempotencyKey: input.idempotencyKey, amount: input.amount, method: input.method, orderId: input.orderId });
    if (!result.ok && result.retryable) return providerError(null, result);
    const card = result.ok ? result.card : this.provider.describe(input.method);
    const payment = {
      ...newPayment(input, card),
      status: result.ok ? ('AUTHORIZED' as const) : ('DECLINED' as const),
      failureReason: result.ok ? null : result.code,
      providerRef: result.ok ? result.ref : null,
    };
    const id = await this.payments.insert(payment, tx);
    if (!result.ok) {
      await paymentEvents.failed(tx, { ...payment, id }, 'authorization', result.code);
      return providerError(id, result);
    }
    const outcome = stored(id);
    await this.payments.appendLedger(
      {
        paymentId: id,
        kind: 'authorization',
        amount: payment.amount,
        currency: payment.currency,
        providerRef: result.ref,
        idempotencyKey: input.idempotencyKey,
      },
      tx,
      completion(input.idempotencyKey, outcome),
    );
    await paymentEvents.authorized(tx, { ...payment, id });
    return { ...final(outcome), recorded: true };
  }

  /** Captures the whole authorized amount. */
  async capture(input: CaptureInput): Promise<PaymentResult> {
    const print = fingerprint('capture', { paymentId: input.paymentId });
    return this.idempotent(input.idempotencyKey, print, async (tx) => {
      const payment = await this.payments.lock(input.paymentId, tx);
      if (!payment) return { outcome: stored(null, { code: 'NOT_FOUND', field: 'paymentId', message: 'No such payment' }), final: false };
      if (payment.status !== 'AUTHORIZED' || !payment.providerRef) {
        return final(stored(payment.id, { code: 'NOT_AUTHORIZED', field: 'paymentId', message: `A ${payment.status} payment cannot be captured` }));
      }
      const money = { amount: payment.amount, currency: payment.currency };
      const result = await this.provider.capture({ idempotencyKey: input.idempotencyKey, authorizationRef: payment.providerRef, amount: money });
      if (!result.ok) {
        if (result.retryable) return providerError(payment.id, result);
        await this.payments.setStatus(payment.id, 'FAILED', result.code, tx);
        await paymentEvents.failed(tx, payment, 'capture', result.code);
        return providerError(payment.id, result);
      }
      const outcome = stored(payment.id);
      await this.payments.appendLedger(
        { paymentId: payment.id, kind: 'capture', ...money, providerRef: result.ref, idempotencyKey: input.idempotencyKey },
        tx,
        completion(input.idempotencyKey, outcome),
      );
      await this.payments.setStatus(payment.id, 'CAPTURED', null, tx);
      await paymentEvents.captured(tx, payment, payment.amount);
      return { ...final(outcome), recorded: true };
    });
  }

  /** `refundPayment`: only admins refund by hand (the saga refunds through `refund`). */
  adminRefund(context: SubgraphContext, input: RefundInput): Promise<PaymentResult> {
    requireRole(context, 'admin');
    return this.refund({ ...input, paymentId: requireUuid(input.paymentId, 'paymentId') });
  }

  /** Refunds part or all of what was captured. */
  async refund(input: RefundInput): Promise<PaymentResult> {
    if (!Number.isInteger(input.amount) || input.amount <= 0) {
      return { payment: null, errors: [failure('INVALID_AMOUNT', 'amount must be a positive integer in minor units', 'amount')] };
    }
    const print = fingerprint('refund', { paymentId: input.paymentId, amount: input.amount });
    return this.idempotent(input.idempotencyKey, print, (tx) => this.refundStep(input, tx));
  }

  private async refundStep(input: RefundInput, tx: Executor): Promise<StepOutcome> {
    const payment = await this.payments.lock(input.paymentId, tx);
    if (!payment) return { outcome: stored(null, { code: 'NOT_FOUND', field: 'paymentId', message: 'No such payment' }), final: false };
    if (payment.capturedAmount === 0 || !payment.providerRef) {
      return final(stored(payment.id, { code: 'NOT_CAPTURED', field: 'paymentId', message: 'Only a captured payment can be refunded' }));
    }
    const refundable = payment.capturedAmount - payment.refundedAmount;
    if (input.amount > refundable) {
      return final(stored(payment.id, { code: 'REFUND_EXCEEDS_CAPTURED', field: 'amount', message: `At most ${refundable} can still be refunded` }));
    }
    const money = { amount: input.amount, currency: payment.currency };
    const result = await this.provider.refund({ idempotencyKey: input.idempotencyKey, authorizationRef: payment.providerRef, amount: money });
    if (!result.ok) return providerError(payment.id, result);
    const total = payment.refundedAmount + input.amount;
    const full = total === payment.capturedAmount;
    const outcome = stored(payment.id);
    await this.payments.appendLedger(
      { paymentId: payment.id, kind: 'refund', ...money, providerRef: result.ref, idempotencyKey: input.idempotencyKey },
      tx,
      completion(input.idempotencyKey, outcome),
    );
    await this.payments.setStatus(payment.id, full ? 'REFUNDED' : 'PARTIALLY_REFUNDED', null, tx);
    await paymentEvents.refunded(tx, payment, input.amount, total, full);
    return { ...final(outcome), recorded: true };
  }

  private async idempotent(key: string, print: string, step: (tx: Executor) => Promise<StepOutcome>): Promise<PaymentResult> {
    if (!validKey(key)) return { payment: null, errors: [failure('INVALID_IDEMPOTENCY_KEY', 'idempotencyKey must be 1 to 200 characters', 'idempotencyKey')] };
    const { outcome, final: settled } = await this.transact((tx) => runIdempotent(this.keys, tx, key, print, () => step(tx)));
    const payment: PaymentRecord | null = outcome.paymentId ? ((await this.payments.findByIds([outcome.paymentId]))[0] ?? null) : null;
    if (!outcome.error) return { payment: payment!, errors: [] };
    const code = outcome.error.code as PaymentErrorCode;
    // A PROCESSOR_ERROR recorded as final (the payment was given up) is replayed, not retryable.
    return { payment, errors: [failure(code, outcome.error.message, outcome.error.field, code === 'PROCESSOR_ERROR' && !settled)] };
  }
}
