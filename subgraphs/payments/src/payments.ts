import { transactor, type Database, type Executor } from '@shop/db';
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
  // Inside the inbox transaction: the service's own transactions become savepoints of it.
  const paymentsIn = (tx: Executor) => {
    const store = new PaymentStore(tx);
    return { store, payments: new PaymentService(store, stores.keys, provider, transactor(tx)) };
  };
  return {
    stores,
    payments: new PaymentService(stores.payments, stores.keys, provider, transact),
    reader: new PaymentReader(stores.payments),
    saga: new OrderPaymentService({ paymentsIn, retry: { ...DEFAULT_PROCESSOR_RETRY, ...options.processorRetry } }),
  };
}

export type Payments = ReturnType<typeof createPayments>;
