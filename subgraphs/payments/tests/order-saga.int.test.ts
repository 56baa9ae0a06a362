import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { createPayments, orderSagaHandler, paymentsModule, type PaymentProvider } from '../src';
import { CountingProvider, outboxFor, paymentsOf, type TestPayments } from './helpers';
import { deliver, meta, newOrderId, orderEvents } from './saga-helpers';

const money = (amount: number) => ({ amount, currency: 'EUR' });

/** A processor whose captures always fail with a transient error. */
class CaptureOutage extends CountingProvider {
  override async capture(...args: Parameters<PaymentProvider['capture']>) {
    await super.capture(...args);
    return { ok: false as const, code: 'PROCESSOR_ERROR' as const, retryable: true, message: 'down' };
  }
}

describe.each(sqlBackends)('checkout saga: payments on %s', (backend) => {
  let harness: SubgraphHarness;
  let p: TestPayments;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: paymentsModule, config: { provider: 'simulated', processorRetry: { attempts: 3, backoffMs: 1 } }, backend });
    p = paymentsOf(harness);
  });
  afterAll(() => harness.stop());

  const paymentsFor = (orderId: string) => p.stores.payments.findByOrderIds([orderId]);
  const types = async (orderId: string) => (await outboxFor(harness, orderId)).map((event) => event.type);
  const ledgerFor = async (orderId: string) => {
    const [payment] = await paymentsFor(orderId);
    return (await p.stores.payments.ledgerFor(payment!.id)).map((entry) => [entry.kind, entry.amount, entry.idempotencyKey]);
  };

  it('order.payment-requested authorizes and captures once, also when delivered twice or repeated', async () => {
    const orderId = newOrderId();
    const request = orderEvents.paymentRequested(orderId, 'tok_visa', 2500);
    await deliver(harness, request, request, orderEvents.paymentRequested(orderId, 'tok_visa', 2500));
    const [payment, ...others] = await paymentsFor(orderId);
    expect(others).toEqual([]);
    expect(payment).toMatchObject({ status: 'CAPTURED', amount: 2500, capturedAmount: 2500, cardLast4: '4242', customerId: 'customer-1' });
    expect(await ledgerFor(orderId)).toEqual([
      ['authorization', 2500, `order:${orderId}:authorize`],
      ['capture', 2500, `order:${orderId}:capture`],
    ]);
    expect(await outboxFor(harness, orderId)).toEqual([
      expect.objectContaining({ topic: 'shop.payments', type: 'payment.authorized' }),
      { topic: 'shop.payments', type: 'payment.captured', data: { paymentId: payment!.id, orderId, amount: money(2500) } },
    ]);
  });

  it('retries a transient PROCESSOR_ERROR with the same key and captures (tok_processorError)', async () => {
    const orderId = newOrderId();
    await deliver(harness, orderEvents.paymentRequested(orderId, 'tok_processorError', 700));
    expect(await types(orderId)).toEqual(['payment.authorized', 'payment.captured']);
    expect(await ledgerFor(orderId)).toEqual([
      ['authorization', 700, `order:${orderId}:authorize`],
      ['capture', 700, `order:${orderId}:capture`],
    ]);
    // The simulated 0119 fails the 1st call per key and passes the 2nd: two calls, one key.
    const provider = new CountingProvider();
    const saga = createPayments(harness.platform.database.db, provider, () => {}, { processorRetry: { attempts: 3, backoffMs: 0 } }).saga;
    const other = newOrderId();
    await orderSagaHandler({ db: harness.platform.database.db, saga, afterCommit: () => {} })(
      orderEvents.paymentRequested(other, 'tok_processorError'),
      meta(other),
    );
    expect(provider.calls).toEqual({ authorize: 2, capture: 1, refund: 0 });
    expect(await types(other)).toEqual(['payment.authorized', 'payment.captured']);
  });

  it('answers payment.failed: INVALID_CARD for an unknown token, CAPTURE_DECLINED for tok_captureDeclined', async () => {
    const [unknown, capFail] = [newOrderId(), newOrderId()];
    await deliver(harness, orderEvents.paymentRequested(unknown, 'tok_nonsense'));
    await deliver(harness, orderEvents.paymentRequested(capFail, 'tok_captureDeclined'));
    const [declined] = await paymentsFor(unknown);
    expect(declined).toMatchObject({ status: 'DECLINED', failureReason: 'INVALID_CARD' });
    expect(await outboxFor(harness, unknown)).toEqual([
      { topic: 'shop.payments', type: 'payment.failed', data: { paymentId: declined!.id, orderId: unknown, stage: 'authorization', reason: 'INVALID_CARD' } },
    ]);
    const [failed] = await paymentsFor(capFail);
    expect(failed).toMatchObject({ status: 'FAILED', failureReason: 'CAPTURE_DECLINED', capturedAmount: 0 });
    expect((await outboxFor(harness, capFail)).map((event) => [event.type, (event.data as { reason?: string }).reason ?? null])).toEqual([
      ['payment.authorized', null],
      ['payment.failed', 'CAPTURE_DECLINED'],
    ]);
  });

  it('gives up after the bounded attempts with payment.failed PROCESSOR_ERROR, and never calls the processor for the order again', async () => {
    const provider = new CountingProvider();
    const saga = createPayments(harness.platform.database.db, provider, () => {}, { processorRetry: { attempts: 1, backoffMs: 0 } }).saga;
    const handle = orderSagaHandler({ db: harness.platform.database.db, saga, afterCommit: () => {} });
    const orderId = newOrderId();
    const request = orderEvents.paymentRequested(orderId, 'tok_processorError');
    await handle(request, meta(orderId));
    await handle(request, meta(orderId));
    await handle(orderEvents.paymentRequested(orderId, 'tok_processorError'), meta(orderId));
    expect(provider.calls).toEqual({ authorize: 1, capture: 0, refund: 0 });
    const [payment, ...others] = await paymentsFor(orderId);
    expect(others).toEqual([]);
    expect(payment).toMatchObject({ status: 'DECLINED', failureReason: 'PROCESSOR_ERROR', cardLast4: '0119' });
    expect(await outboxFor(harness, orderId)).toEqual([
      { topic: 'shop.payments', type: 'payment.failed', data: { paymentId: payment!.id, orderId, stage: 'authorization', reason: 'PROCESSOR_ERROR' } },
    ]);
  });

  it('a capture that keeps failing is given up: payment FAILED, payment.failed (capture) once, nothing captured', async () => {
    const provider = new CaptureOutage();
    const saga = createPayments(harness.platform.database.db, provider, () => {}, { processorRetry: { attempts: 2, backoffMs: 0 } }).saga;
    const handle = orderSagaHandler({ db: harness.platform.database.db, saga, afterCommit: () => {} });
    const orderId = newOrderId();
    await handle(orderEvents.paymentRequested(orderId, 'tok_visa'), meta(orderId));
    await handle(orderEvents.paymentRequested(orderId, 'tok_visa'), meta(orderId));
    expect(provider.calls).toEqual({ authorize: 1, capture: 2, refund: 0 });
    const [payment] = await paymentsFor(orderId);
    expect(payment).toMatchObject({ status: 'FAILED', failureReason: 'PROCESSOR_ERROR', capturedAmount: 0 });
    expect((await outboxFor(harness, orderId)).map((event) => [event.type, (event.data as { stage?: string }).stage ?? null])).toEqual([
      ['payment.authorized', null],
      ['payment.failed', 'capture'],
    ]);
  });

  it('order.cancelled refunds the whole captured amount once, also when delivered twice or repeated', async () => {
    const orderId = newOrderId();
    await deliver(harness, orderEvents.paymentRequested(orderId, 'tok_visa', 1800));
    const cancelled = orderEvents.cancelled(orderId);
    await deliver(harness, cancelled, cancelled, orderEvents.cancelled(orderId));
    const [payment] = await paymentsFor(orderId);
    expect(payment).toMatchObject({ status: 'REFUNDED', capturedAmount: 1800, refundedAmount: 1800 });
    expect((await ledgerFor(orderId)).map(([kind, amount, key]) => [kind, amount, key])).toEqual([
      ['authorization', 1800, `order:${orderId}:authorize`],
      ['capture', 1800, `order:${orderId}:capture`],
      ['refund', 1800, `order:${orderId}:refund`],
    ]);
    expect((await outboxFor(harness, orderId)).at(-1)).toEqual({
      topic: 'shop.payments',
      type: 'payment.refunded',
      data: { paymentId: payment!.id, orderId, amount: money(1800), refundedTotal: money(1800), fullyRefunded: true },
    });
    expect(await types(orderId)).toEqual(['payment.authorized', 'payment.captured', 'payment.refunded']);
  });

  it('order.cancelled without a captured payment (none, or declined) refunds nothing and answers nothing', async () => {
    const [none, declined] = [newOrderId(), newOrderId()];
    await deliver(harness, orderEvents.cancelled(none));
    await deliver(harness, orderEvents.paymentRequested(declined, 'tok_chargeDeclined'), orderEvents.cancelled(declined));
    expect(await outboxFor(harness, none)).toEqual([]);
    expect(await types(declined)).toEqual(['payment.failed']);
    expect(await paymentsFor(declined)).toEqual([expect.objectContaining({ status: 'DECLINED', refundedAmount: 0 })]);
  });
});
