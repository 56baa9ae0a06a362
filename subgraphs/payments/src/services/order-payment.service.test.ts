import { describe, expect, it } from 'vitest';
import type { Executor } from '@shop/db';
import { OrderPaymentService } from './order-payment.service';
import { failure, type PaymentResult } from './payment-errors';
import type { PaymentService } from './payment.service';

const transient: PaymentResult = { payment: null, errors: [failure('PROCESSOR_ERROR', 'down', null, true)] };
const request = { orderId: 'o-1', customerId: 'c-1', amount: { amount: 100, currency: 'EUR' }, paymentToken: 'tok_visa' };

/** A payment service whose authorization always fails transiently, recording keys and waits. */
function outage(attempts: number) {
  const keys: string[] = [];
  const waits: number[] = [];
  let abandoned = 0;
  const payments = {
    authorize: async (input: { idempotencyKey: string }) => (keys.push(input.idempotencyKey), transient),
    abandonAuthorization: async () => (abandoned++, transient),
  } as unknown as PaymentService;
  const saga = new OrderPaymentService({
    paymentsIn: () => ({ payments, store: null as never }),
    retry: { attempts, backoffMs: 50 },
    sleep: async (ms) => void waits.push(ms),
  });
  return { saga, keys, waits, abandoned: () => abandoned };
}

describe('OrderPaymentService', () => {
  it('retries a transient failure a bounded number of times with the same key and exponential backoff, then gives up once', async () => {
    const { saga, keys, waits, abandoned } = outage(3);
    await saga.pay({} as Executor, request);
    expect(keys).toEqual(['order:o-1:authorize', 'order:o-1:authorize', 'order:o-1:authorize']);
    expect(waits).toEqual([50, 100]);
    expect(abandoned()).toBe(1);
  });

  it('refuses a retry policy without attempts', () => {
    expect(() => outage(0)).toThrow('attempts must be an integer >= 1');
  });
});
