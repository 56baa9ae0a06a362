import { MemoryPubSub, type PubSub } from '@shop/cache';
import type { Database } from '@shop/db';
import { on, returnRefunded, type EventRoute } from '@shop/events';
import type { Logger } from 'pino';
import type { SagaContext } from '../saga/saga-steps';
import type { OrderHistoryStore } from '../stores/order-history.store';
import type { OrderStore } from '../stores/order.store';
import { ReturnLifecycle } from './return-lifecycle';
import { ReturnReader } from './return-reader.service';
import { ReturnStatusFeed } from './return-status-feed';
import { ReturnService } from './return.service';
import { ReturnStore } from '../stores/return.store';

export interface ReturnsWiring {
  pubsub?: PubSub;
  wake: () => void;
  logger: Logger;
  windowDays: number;
}

/** The returns part of the orders subgraph on the orders' stores; `sagaRoutes` join the saga consumer. */
export function createReturns(db: Database, stores: { orders: OrderStore; history: OrderHistoryStore }, wiring: ReturnsWiring) {
  const store = new ReturnStore(db);
  const feed = new ReturnStatusFeed(wiring.pubsub ?? new MemoryPubSub({ keyPrefix: 'orders-returns' }), store);
  const lifecycle = new ReturnLifecycle(store, feed, wiring.wake);
  const service = new ReturnService(db, stores.orders, stores.history, store, lifecycle, wiring.logger, { windowDays: wiring.windowDays });
  const sagaRoutes: EventRoute<SagaContext>[] = [on(returnRefunded, (event, context) => service.refunded(context.tx, event.data, context.after))];
  return { store, feed, service, reader: new ReturnReader(store), sagaRoutes };
}

export type Returns = ReturnType<typeof createReturns>;
