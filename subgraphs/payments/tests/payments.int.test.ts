import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { paymentsModule, testCards } from '../src';
import { authorizeInput, capturedPayment, key, ok, outboxFor, paymentsOf, type TestPayments } from './helpers';

/** The payments domain as the order saga calls it: test cards, idempotency, the ledger and refunds. */
describe.each(sqlBackends)('payment service on %s', (backend) => {
  let harness: SubgraphHarness;
  let p: TestPayments;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: paymentsModule, config: { provider: 'simulated' }, backend });
    p = paymentsOf(harness);
  });
  afterAll(() => harness?.stop());

  it('4242 4242 4242 4242 authorizes and captures; only brand and last4 are kept', async () => {
    const input = authorizeInput('4242 4242 4242 4242', 4999);
    const authorized = ok(await p.payments.authorize(input));
    expect(authorized).toMatchObject({ orderId: input.orderId, customerId: input.customerId, amount: 4999, currency: 'EUR', status: 'AUTHORIZED' });
    expect([authorized.cardBrand, authorized.cardLast4, authorized.capturedAmount]).toEqual(['VISA', '4242', 0]);
    const captured = ok(await p.payments.capture({ idempotencyKey: key(), paymentId: authorized.id }));
    expect([captured.status, captured.capturedAmount, captured.refundedAmount]).toEqual(['CAPTURED', 4999, 0]);
    expect(JSON.stringify(await outboxFor(harness, input.orderId))).not.toContain('4242424242424242');
  });

  it.each([
    [testCards.declined, 'CARD_DECLINED'],
    [testCards.insufficientFunds, 'INSUFFICIENT_FUNDS'],
  ])('%s is DECLINED with %s and publishes payment.failed', async (number, code) => {
    const input = authorizeInput(number);
    const result = await p.payments.authorize(input);
    expect(result.errors).toEqual([{ code, field: null, message: expect.any(String), retryable: false }]);
    expect(result.payment).toMatchObject({ status: 'DECLINED', failureReason: code, cardLast4: number.slice(-4) });
    expect(await outboxFor(harness, input.orderId)).toEqual([
      { topic: 'shop.payments', type: 'payment.failed', data: { paymentId: result.payment!.id, orderId: input.orderId, stage: 'authorization', reason: code } },
    ]);
  });

  it('4000 0000 0000 0119 fails with a retryable PROCESSOR_ERROR, then the retry with the same key succeeds', async () => {
    const input = authorizeInput(testCards.intermittent);
    const first = await p.payments.authorize(input);
    expect(first).toEqual({ payment: null, errors: [{ code: 'PROCESSOR_ERROR', field: null, message: expect.any(String), retryable: true }] });
    expect(await outboxFor(harness, input.orderId)).toEqual([]);
    const retry = ok(await p.payments.authorize(input));
    expect(retry.status).toBe('AUTHORIZED');
    expect((await outboxFor(harness, input.orderId)).map((e) => e.type)).toEqual(['payment.authorized']);
  });

  it('4000 0000 0000 0341 authorizes but its capture FAILS with CAPTURE_DECLINED', async () => {
    const input = authorizeInput(testCards.captureDeclined);
    const payment = ok(await p.payments.authorize(input));
    const result = await p.payments.capture({ idempotencyKey: key(), paymentId: payment.id });
    expect(result.errors.map((e) => e.code)).toEqual(['CAPTURE_DECLINED']);
    expect(result.payment).toMatchObject({ status: 'FAILED', failureReason: 'CAPTURE_DECLINED', capturedAmount: 0 });
    expect((await outboxFor(harness, input.orderId)).map((e) => [e.type, (e.data as { stage?: string }).stage])).toEqual([
      ['payment.authorized', undefined],
      ['payment.failed', 'capture'],
    ]);
  });

  it('the same key twice returns the same payment and calls the provider once', async () => {
    const input = authorizeInput();
    const before = p.provider.calls.authorize;
    const first = ok(await p.payments.authorize(input));
    const second = ok(await p.payments.authorize(input));
    expect(second.id).toBe(first.id);
    expect(p.provider.calls.authorize - before).toBe(1);
  });

  it('10 concurrent captures with one key make one provider call and one ledger entry', async () => {
    const payment = ok(await p.payments.authorize(authorizeInput(testCards.success, 1234)));
    const before = p.provider.calls.capture;
    const captureKey = key();
    const results = await Promise.all(Array.from({ length: 10 }, () => p.payments.capture({ idempotencyKey: captureKey, paymentId: payment.id })));
    expect(results.map((r) => [r.errors, r.payment?.id, r.payment?.capturedAmount])).toEqual(Array.from({ length: 10 }, () => [[], payment.id, 1234]));
    expect(p.provider.calls.capture - before).toBe(1);
    expect((await p.stores.payments.ledgerFor(payment.id)).map((e) => [e.kind, e.amount])).toEqual([
      ['authorization', 1234],
      ['capture', 1234],
    ]);
  });

  it('reusing a key with other parameters is IDEMPOTENCY_KEY_REUSED and changes nothing', async () => {
    const input = authorizeInput();
    ok(await p.payments.authorize(input));
    const other = await p.payments.authorize({ ...input, amount: { amount: 1, currency: 'EUR' } });
    expect(other).toEqual({
      payment: null,
      errors: [{ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey', message: expect.any(String), retryable: false }],
    });
    const { paymentId } = await capturedPayment(p);
    const refundKey = key();
    ok(await p.payments.refund({ idempotencyKey: refundKey, paymentId, amount: 100 }));
    const reused = await p.payments.refund({ idempotencyKey: refundKey, paymentId, amount: 200 });
    expect(reused.errors.map((e) => e.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect((await p.stores.payments.findByIds([paymentId]))[0]!.refundedAmount).toBe(100);
  });

  it('refunds partially, then fully, never more than captured; a retried refund refunds once', async () => {
    const { paymentId, orderId } = await capturedPayment(p, 5000);
    const firstKey = key();
    const partial = ok(await p.payments.refund({ idempotencyKey: firstKey, paymentId, amount: 1500 }));
    expect([partial.status, partial.refundedAmount]).toEqual(['PARTIALLY_REFUNDED', 1500]);
    expect(ok(await p.payments.refund({ idempotencyKey: firstKey, paymentId, amount: 1500 })).refundedAmount).toBe(1500);
    const tooMuch = await p.payments.refund({ idempotencyKey: key(), paymentId, amount: 3501 });
    expect(tooMuch.errors).toEqual([{ code: 'REFUND_EXCEEDS_CAPTURED', field: 'amount', message: 'At most 3500 can still be refunded', retryable: false }]);
    const full = ok(await p.payments.refund({ idempotencyKey: key(), paymentId, amount: 3500 }));
    expect([full.status, full.capturedAmount, full.refundedAmount]).toEqual(['REFUNDED', 5000, 5000]);
    const events = await outboxFor(harness, orderId);
    expect(events.map((e) => e.type)).toEqual(['payment.authorized', 'payment.captured', 'payment.refunded', 'payment.refunded']);
    expect(events[3]!.data).toEqual({
      paymentId,
      orderId,
      amount: { amount: 3500, currency: 'EUR' },
      refundedTotal: { amount: 5000, currency: 'EUR' },
      fullyRefunded: true,
    });
  });

  it('10 concurrent refunds of 1500 against a 5000 capture: exactly 3 go through, the others refuse and the ledger sums to the capture at most', async () => {
    const { paymentId, orderId } = await capturedPayment(p, 5000);
    const answers = await Promise.all(Array.from({ length: 10 }, () => p.payments.refund({ idempotencyKey: key(), paymentId, amount: 1500 })));
    expect(answers.filter((answer) => answer.errors.length === 0)).toHaveLength(3);
    expect(new Set(answers.flatMap((answer) => answer.errors.map((e) => e.code)))).toEqual(new Set(['REFUND_EXCEEDS_CAPTURED']));
    expect((await p.stores.payments.findByIds([paymentId]))[0]!.refundedAmount).toBe(4500);
    const refunded = (await outboxFor(harness, orderId)).filter((event) => event.type === 'payment.refunded');
    expect(refunded.map((event) => (event.data as { amount: { amount: number } }).amount.amount)).toEqual([1500, 1500, 1500]);
  });

  it('refuses refunds of uncaptured payments and captures of captured ones', async () => {
    const payment = ok(await p.payments.authorize(authorizeInput()));
    expect((await p.payments.refund({ idempotencyKey: key(), paymentId: payment.id, amount: 1 })).errors.map((e) => e.code)).toEqual(['NOT_CAPTURED']);
    ok(await p.payments.capture({ idempotencyKey: key(), paymentId: payment.id }));
    expect((await p.payments.capture({ idempotencyKey: key(), paymentId: payment.id })).errors.map((e) => e.code)).toEqual(['NOT_AUTHORIZED']);
    expect((await p.payments.refund({ idempotencyKey: key(), paymentId: payment.id, amount: 0 })).errors.map((e) => e.code)).toEqual(['INVALID_AMOUNT']);
    expect((await p.payments.authorize({ ...authorizeInput(), idempotencyKey: '' })).errors.map((e) => e.code)).toEqual(['INVALID_IDEMPOTENCY_KEY']);
  });
});
