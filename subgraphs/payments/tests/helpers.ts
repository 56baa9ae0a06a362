import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { paymentAuthorized, paymentCaptured, paymentFailed, paymentRefunded, paymentsTopic } from '@shop/events';
import { eventually, type SubgraphHarness } from '@shop/testkit';
import { outbox } from '../src/db/schema';
import { createPayments, SimulatedPaymentProvider, testCards, type PaymentProvider, type PaymentResult } from '../src';

/** The simulated provider, counting every call, so tests can prove a retry never reached it. */
export class CountingProvider extends SimulatedPaymentProvider {
  readonly calls = { authorize: 0, capture: 0, refund: 0 };
  override authorize(...args: Parameters<PaymentProvider['authorize']>) {
    this.calls.authorize++;
    return super.authorize(...args);
  }
  override capture(...args: Parameters<PaymentProvider['capture']>) {
    this.calls.capture++;
    return super.capture(...args);
  }
  override refund(...args: Parameters<PaymentProvider['refund']>) {
    this.calls.refund++;
    return super.refund(...args);
  }
}

/** The payments domain over a harness's database (as the saga will call it), with a counting provider. */
export function paymentsOf(harness: SubgraphHarness) {
  const provider = new CountingProvider();
  return { provider, ...createPayments(harness.platform.database.db, provider) };
}
export type TestPayments = ReturnType<typeof paymentsOf>;

export const key = () => `key-${randomUUID()}`;
export const customer = (userId: string = randomUUID()) => ({ userId, roles: ['customer'] });
export const admin = (userId: string = randomUUID()) => ({ userId, roles: ['customer', 'admin'] });

export const authorizeInput = (number: string = testCards.success, amount = 4999) => ({
  idempotencyKey: key(),
  orderId: `order-${randomUUID()}`,
  customerId: randomUUID(),
  amount: { amount, currency: 'EUR' },
  method: { number },
});

/** The payment of a successful call (fails the test with the errors otherwise). */
export function ok(result: PaymentResult) {
  expect(result.errors).toEqual([]);
  return result.payment!;
}

/** An authorized and captured payment of `amount` cents. */
export async function capturedPayment(p: TestPayments, amount = 4999) {
  const input = authorizeInput(testCards.success, amount);
  const payment = ok(await p.payments.authorize(input));
  ok(await p.payments.capture({ idempotencyKey: key(), paymentId: payment.id }));
  return { ...input, paymentId: payment.id };
}

/** Event types and data written to the outbox for one order, in order. */
export async function outboxFor(harness: SubgraphHarness, orderId: string) {
  const rows = await harness.platform.database.db.select().from(outbox).where(eq(outbox.key, orderId)).orderBy(asc(outbox.seq));
  return rows.map((row) => ({ topic: row.topic, type: row.type, data: row.payload.data }));
}

/** Collects every event published on `shop.payments` from now on, parsed by its contract. */
export async function paymentEventsOn(harness: SubgraphHarness) {
  const contracts = [paymentAuthorized, paymentCaptured, paymentFailed, paymentRefunded];
  const received: Array<{ key: string | null; type: string; data: unknown }> = [];
  await harness.platform.transport.subscribe({
    groupId: `payments-reader-${randomUUID()}`,
    topics: [paymentsTopic],
    handler: async (envelope, meta) => {
      const contract = contracts.find((c) => c.matches(envelope))!;
      received.push({ key: meta.key, type: envelope.type, data: contract.parse(envelope).data });
    },
  });
  return {
    /** Waits until `count` events for `orderId` arrived, then returns them in order. */
    async for(orderId: string, count: number) {
      const mine = () => received.filter((event) => event.key === orderId);
      await eventually(() => mine().length >= count);
      return mine();
    },
  };
}
