import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Caller, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { paymentsModule, testCards } from '../src';
import { PaymentStore } from '../src/stores/payment.store';
import { admin, authorizeInput, capturedPayment, customer, key, ok, paymentsOf, type TestPayments } from './helpers';
import {
  OrderPaymentsDocument,
  PaymentDocument,
  PaymentIdDocument,
  PaymentReferencesDocument,
  PaymentStatusDocument,
  RefundPaymentDocument,
} from './__generated__/graphql';

/** The payments subgraph over HTTP: Payment, Order.payment, refundPayment and who may see what. */
describe.each(sqlBackends)('payments GraphQL on %s', (backend) => {
  let harness: SubgraphHarness;
  let p: TestPayments;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: paymentsModule, config: { provider: 'simulated' }, backend });
    p = paymentsOf(harness);
  });
  afterAll(() => harness?.stop());

  const orders = (ids: string[], caller: Caller) =>
    harness.call(OrderPaymentsDocument, { representations: ids.map((id) => ({ __typename: 'Order', id })) }, caller);

  it('shows a payment with its ledger totals and history to its customer', async () => {
    const { paymentId, orderId, customerId } = await capturedPayment(p, 2500);
    ok(await p.payments.refund({ idempotencyKey: key(), paymentId, amount: 500 }));
    const result = await harness.call(PaymentDocument, { id: paymentId }, customer(customerId));
    expect(result).toEqual({
      data: {
        payment: {
          id: paymentId,
          orderId,
          amount: { amount: 2500, currency: 'EUR' },
          status: 'PARTIALLY_REFUNDED',
          cardBrand: 'VISA',
          cardLast4: '4242',
          capturedAmount: { amount: 2500, currency: 'EUR' },
          refundedAmount: { amount: 500, currency: 'EUR' },
          failureReason: null,
          history: ['AUTHORIZED', 'CAPTURED', 'PARTIALLY_REFUNDED'].map((status) => ({ status, reason: null, at: expect.any(String) })),
          createdAt: expect.any(String),
        },
      },
    });
  });

  it('resolves 20 Order references in one batched query, latest payment per order', async () => {
    const paid = await Promise.all(Array.from({ length: 19 }, () => p.payments.authorize(authorizeInput())));
    const declined = authorizeInput(testCards.declined);
    const declinedPayment = (await p.payments.authorize(declined)).payment!;
    const retried = ok(await p.payments.authorize({ ...declined, idempotencyKey: key(), method: { number: testCards.success } }));
    const unpaid = `order-${randomUUID()}`;
    const findByOrderIds = vi.spyOn(PaymentStore.prototype, 'findByOrderIds');
    const result = await orders([...paid.map((r) => r.payment!.orderId), declined.orderId, unpaid], admin());
    expect(findByOrderIds).toHaveBeenCalledTimes(1);
    expect(findByOrderIds.mock.calls[0]![0]).toHaveLength(21);
    findByOrderIds.mockRestore();
    expect(result.data!._entities).toEqual([
      ...paid.map((r) => ({ id: r.payment!.orderId, payment: { id: r.payment!.id, status: 'AUTHORIZED' } })),
      { id: declined.orderId, payment: { id: retried.id, status: 'AUTHORIZED' } },
      { id: unpaid, payment: null },
    ]);
    expect(retried.id).not.toBe(declinedPayment.id);
  });

  it.each([
    ['the customer', true, (c: string) => customer(c)],
    ['an admin', true, () => admin()],
    ['another customer', false, () => customer()],
    ['an anonymous caller', false, () => ({})],
  ])('payment visibility for %s: visible = %s', async (_who, visible, caller) => {
    const payment = ok(await p.payments.authorize(authorizeInput()));
    const expected = visible ? { id: payment.id, status: 'AUTHORIZED' } : null;
    const byId = await harness.call(PaymentStatusDocument, { id: payment.id }, caller(payment.customerId));
    expect(byId.data).toEqual({ payment: expected });
    expect((await orders([payment.orderId], caller(payment.customerId))).data!._entities).toEqual([{ id: payment.orderId, payment: expected }]);
    const entity = await harness.call(PaymentReferencesDocument, { representations: [{ __typename: 'Payment', id: payment.id }] }, caller(payment.customerId));
    expect(entity.data).toEqual({ _entities: [expected] });
  });

  it('a malformed payment id is BAD_USER_INPUT; an unknown one is null', async () => {
    const bad = await harness.call(PaymentIdDocument, { id: '1 or 1=1' }, admin());
    expect(bad.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', 'id must be a UUID']]);
    expect((await harness.call(PaymentIdDocument, { id: randomUUID() }, admin())).data).toEqual({ payment: null });
  });

  it('refundPayment: admins refund; retries refund once; typed errors for the rest', async () => {
    const { paymentId } = await capturedPayment(p, 3000);
    const refundKey = key();
    const refund = (amount: number, k = refundKey, id = paymentId) =>
      harness.call(RefundPaymentDocument, { paymentId: id, amount, idempotencyKey: k }, admin());
    const done = {
      refundPayment: {
        payment: { id: paymentId, status: 'PARTIALLY_REFUNDED', capturedAmount: { amount: 3000 }, refundedAmount: { amount: 1000 } },
        errors: [],
      },
    };
    expect((await refund(1000)).data).toEqual(done);
    expect((await refund(1000)).data).toEqual(done);
    const error = async (result: ReturnType<typeof refund>) => (await result).data!.refundPayment.errors.map((e) => [e.code, e.field]);
    expect(await error(refund(1500))).toEqual([['IDEMPOTENCY_KEY_REUSED', 'idempotencyKey']]);
    expect(await error(refund(2001, key()))).toEqual([['REFUND_EXCEEDS_CAPTURED', 'amount']]);
    expect(await error(refund(-5, key()))).toEqual([['INVALID_AMOUNT', 'amount']]);
    expect(await error(refund(1, key(), randomUUID()))).toEqual([['NOT_FOUND', 'paymentId']]);
    const authorized = ok(await p.payments.authorize(authorizeInput()));
    expect(await error(refund(1, key(), authorized.id))).toEqual([['NOT_CAPTURED', 'paymentId']]);
    expect(await error(refund(1, 'x'.repeat(201)))).toEqual([['INVALID_IDEMPOTENCY_KEY', 'idempotencyKey']]);
  });

  it('refundPayment is for admins only', async () => {
    const { paymentId, customerId } = await capturedPayment(p);
    const vars = { paymentId, amount: 1, idempotencyKey: key() };
    expect((await harness.call(RefundPaymentDocument, vars)).errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect((await harness.call(RefundPaymentDocument, vars, customer(customerId))).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const bad = await harness.call(RefundPaymentDocument, { ...vars, paymentId: 'nope' }, admin());
    expect(bad.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', 'paymentId must be a UUID']]);
  });
});
