import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { MigrationTarget } from '@shop/db';
import { startOutboxRelay } from '@shop/events';
import type { SubgraphModule, SubgraphPlatform } from '@shop/subgraph-kit';
import { outbox, outboxLease } from './db/schema';
import { consumeOrderSaga } from './events/order-saga.consumer';
import { createPayments, type PaymentsOptions } from './payments';
import { createProvider, type PaymentProviderConfig } from './providers/create-provider';
import { resolvers } from './resolvers';

const typeDefs = parse(readFileSync(fileURLToPath(new URL('./schema.graphql', import.meta.url)), 'utf8'));
const migrations: MigrationTarget = {
  schema: 'payments',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
};

/**
 * The payments subgraph's configuration: which provider adapter charges cards, and how the
 * checkout saga retries a transient PROCESSOR_ERROR (`processorRetry`, default 3 attempts, 200 ms).
 * @default { provider: 'simulated' }
 */
export type PaymentsConfig = PaymentProviderConfig & PaymentsOptions;

export const defaultPaymentsConfig: PaymentsConfig = { provider: 'simulated' };

/** Wires provider -> stores -> services -> resolvers and starts the outbox relay and the checkout saga consumer. */
async function create(config: PaymentsConfig, { database, transport, logger }: SubgraphPlatform) {
  const relay = startOutboxRelay({ db: database.db, outbox, lease: outboxLease, transport, logger });
  const afterCommit = () => relay.wake();
  const payments = createPayments(database.db, createProvider(config), afterCommit, { processorRetry: config.processorRetry });
  const saga = await consumeOrderSaga({ db: database.db, transport, saga: payments.saga, afterCommit });
  return {
    resolvers: resolvers(payments),
    readiness: { database: () => database.ping() },
    stop: async () => {
      await saga.stop();
      await relay.stop();
    },
  };
}

/** The payments subgraph: card payments for orders, their ledger and refunds. */
export const paymentsModule: SubgraphModule<PaymentsConfig> = { name: 'payments', typeDefs, migrations, create };
