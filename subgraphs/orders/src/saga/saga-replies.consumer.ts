import type { Database } from '@shop/db';
import {
  createInboxHandler,
  inventoryTopic,
  orderRepliesTopic,
  paymentsTopic,
  type Delivery,
  type DeliveryMeta,
  type EventEnvelope,
  type EventHandler,
  type EventRouter,
  type EventTransport,
  type Subscription,
} from '@shop/events';
import type { Logger } from 'pino';
import { inbox } from '../db/schema';
import { AfterCommit } from './after-commit';
import type { SagaContext } from './saga-steps';

/** Consumer group (and inbox consumer name) of the orchestrator. */
export const SAGA_GROUP = 'orders-saga';

/**
 * Where the participants answer: the replies' own topic, `shop.inventory` (its `stock.*` events
 * are search's too) and `shop.payments` (one topic keeps each order's payment events in order for
 * every reader: `payment.authorized`, which the saga skips, included).
 */
export const sagaReplyTopics = [orderRepliesTopic, inventoryTopic, paymentsTopic];

type Route = EventRouter<SagaContext>;

/**
 * Runs each answer as one saga step: the inbox row, the order's new state and the next request
 * commit together, so a redelivered answer is skipped and a crash before commit is simply retried.
 * A batch of answers (Kafka) is one transaction of several such steps, in partition order.
 */
export function sagaHandler(db: Database, route: Route, logger: Logger): EventHandler {
  // One AfterCommit per transaction: a single answer's, or a whole batch's (several orders' steps).
  const inTransaction = async (work: (step: EventHandler) => Promise<void>) => {
    const after = new AfterCommit();
    // claimsInbox: every step's first statement is the order's lock, which writes the inbox row too.
    await work(
      createInboxHandler({
        db,
        inbox,
        consumer: SAGA_GROUP,
        handles: route.handles,
        claimsInbox: true,
        handle: (tx, event, _meta, claim) => route(event, { tx, after, claim }),
      }),
    );
    await after.run((error) => logger.warn({ err: error }, 'order status push failed after commit'));
  };
  const single = (envelope: EventEnvelope, meta: DeliveryMeta) => inTransaction((step) => step(envelope, meta));
  return Object.assign(single, { batch: (deliveries: Delivery[]) => inTransaction((step) => step.batch!(deliveries)) });
}

export function consumeSagaReplies(db: Database, transport: EventTransport, route: Route, logger: Logger): Promise<Subscription> {
  return transport.subscribe({ groupId: SAGA_GROUP, topics: sagaReplyTopics, handler: sagaHandler(db, route, logger) });
}
