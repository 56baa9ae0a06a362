import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { MigrationTarget } from '@shop/db';
import { startOutboxRelay } from '@shop/events';
import type { SubgraphModule, SubgraphPlatform } from '@shop/subgraph-kit';
import { outbox } from './db/schema';
import { createPayments } from './payments';
import { createProvider, type PaymentProviderConfig } from './providers/create-provider';
import { resolvers } from './resolvers';

const typeDefs = parse(readFileSync(fileURLToPath(new URL('./schema.graphql', import.meta.url)), 'utf8'));
const migrations: MigrationTarget = {
  schema: 'payments',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
};

/**
 * The payments subgraph's configuration: which provider adapter charges cards.
 * @default { provider: 'simulated' }
 */
export type PaymentsConfig = PaymentProviderConfig;

export const defaultPaymentsConfig: PaymentsConfig = { provider: 'simulated' };

/** Wires provider -> stores -> services -> resolvers and starts the outbox relay. */
async function create(config: PaymentsConfig, { database, transport, logger }: SubgraphPlatform) {
  const relay = startOutboxRelay({ db: database.db, outbox, transport, logger });
  const payments = createPayments(database.db, createProvider(config), () => relay.wake());
  return {
    resolvers: resolvers(payments),
    readiness: { database: () => database.ping() },
    stop: () => relay.stop(),
  };
}

/** The payments subgraph: card payments for orders, their ledger and refunds. */
export const paymentsModule: SubgraphModule<PaymentsConfig> = { name: 'payments', typeDefs, migrations, create };
