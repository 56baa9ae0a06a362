import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { transactor, type MigrationTarget } from '@shop/db';
import { startOutboxRelay } from '@shop/events';
import type { SubgraphModule, SubgraphPlatform } from '@shop/subgraph-kit';
import { outbox } from './db/schema';
import { announceOrderTaxed, consumeOrderSaga } from './events/order-saga.consumer';
import { announceTaxRateChange } from './events/tax-rate-events';
import { resolvers } from './resolvers';
import { CartTaxService } from './services/cart-tax.service';
import { OrderTaxService } from './services/order-tax.service';
import { TaxCalculationService } from './services/tax-calculation.service';
import { TaxQuoteService } from './services/tax-quote.service';
import { TaxRateService } from './services/tax-rate.service';
import { OrderTaxStore } from './stores/order-tax.store';
import { TaxRateStore } from './stores/tax-rate.store';

const typeDefs = parse(readFileSync(fileURLToPath(new URL('./schema.graphql', import.meta.url)), 'utf8'));
const migrations: MigrationTarget = {
  schema: 'tax',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
};

/** Tax needs nothing beyond the platform. */
export type TaxConfig = Record<string, never>;

/**
 * Wires stores -> services -> resolvers, starts the outbox relay and the checkout saga's consumer;
 * the caller starts the HTTP server and calls `stop()` on shutdown.
 */
async function create(_config: TaxConfig, { database, transport, logger }: SubgraphPlatform) {
  const store = new TaxRateStore(database.db);
  const relay = startOutboxRelay({ db: database.db, outbox, transport, logger });
  const transact = transactor(database.db, () => relay.wake());
  const calculation = new TaxCalculationService(store);
  const services = {
    rates: new TaxRateService(store, announceTaxRateChange, transact),
    quotes: new TaxQuoteService(store),
    carts: new CartTaxService(calculation),
    orders: new OrderTaxService(calculation, new OrderTaxStore(database.db), announceOrderTaxed),
  };
  const saga = await consumeOrderSaga({ db: database.db, transport, orderTaxes: services.orders, afterCommit: () => relay.wake() });
  return {
    resolvers: resolvers(services),
    readiness: { database: () => database.ping() },
    stop: async () => {
      await saga.stop();
      await relay.stop();
    },
  };
}

/** The tax subgraph: tax rates and the one calculation that turns them into tax. */
export const taxModule: SubgraphModule<TaxConfig> = { name: 'tax', typeDefs, migrations, create };
