import { transactor, type Database, type Executor, type Transact } from '@shop/db';
import type { PaymentProvider } from './providers/payment-provider';
import { DEFAULT_PROCESSOR_RETRY, OrderPaymentService, type ProcessorRetry } from './services/order-payment.service';
import { PaymentReader } from './services/payment-reader.service';
import { PaymentService } from './services/payment.service';
import { IdempotencyStore } from './stores/idempotency.store';
import { PaymentStore } from './stores/payment.store';

export interface PaymentsOptions {
  /** How the checkout saga retries a transient PROCESSOR_ERROR. @default { attempts: 3, backoffMs: 200 } */
  processorRetry?: Partial<ProcessorRetry>;
}

/**
 * Stores and services over one database. The subgraph wires them with its relay's `wake` as
 * `afterCommit`; the checkout saga consumer uses `saga`, tests reach everything the same way.
 */
export function createPayments(db: Database, provider: PaymentProvider, afterCommit: () => void = () => {}, options: PaymentsOptions = {}) {
  const transact = transactor(db, afterCommit);
  const stores = { payments: new PaymentStore(db), keys: new IdempotencyStore() };
  // Inside the inbox transaction the service's steps run in it directly, without savepoints: a
  // step that throws aborts the whole transaction anyway (the event is retried), and the outcomes
  // a step may come back from (a retryable provider error) are returned, never thrown.
  const paymentsIn = (tx: Executor) => {
    const store = new PaymentStore(tx);
    const inCallers: Transact = (work) => work(tx);
    return { store, payments: new PaymentService(store, stores.keys, provider, inCallers) };
  };
  return {
    stores,
    payments: new PaymentService(stores.payments, stores.keys, provider, transact),
    reader: new PaymentReader(stores.payments),
    saga: new OrderPaymentService({ paymentsIn, retry: { ...DEFAULT_PROCESSOR_RETRY, ...options.processorRetry } }),
  };
}

export type Payments = ReturnType<typeof createPayments>;
