import type { Database, Executor } from '@shop/db';
import type { PaymentProvider } from './providers/payment-provider';
import { PaymentReader } from './services/payment-reader.service';
import { PaymentService } from './services/payment.service';
import { IdempotencyStore } from './stores/idempotency.store';
import { PaymentStore } from './stores/payment.store';

/**
 * Stores and services over one database. The subgraph wires them with its relay's `wake` as
 * `afterCommit`; the order saga (and tests) reach `payments` the same way.
 */
export function createPayments(db: Database, provider: PaymentProvider, afterCommit: () => void = () => {}) {
  const transact = async <T>(work: (tx: Executor) => Promise<T>): Promise<T> => {
    const result = await db.transaction(work);
    afterCommit();
    return result;
  };
  const stores = { payments: new PaymentStore(db), keys: new IdempotencyStore() };
  return {
    stores,
    payments: new PaymentService(stores.payments, stores.keys, provider, transact),
    reader: new PaymentReader(stores.payments),
  };
}

export type Payments = ReturnType<typeof createPayments>;
