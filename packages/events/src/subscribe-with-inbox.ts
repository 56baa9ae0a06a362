import type { Database, Transaction } from '@shop/db';
import type { EventHandler, EventTransport, Subscription } from './event-transport';
import { createInboxHandler, type InboxHandlerOptions } from './inbox-handler';
import type { InboxTable } from './outbox-tables';
import { routeEvents, type EventRoute } from './route-events';

export interface InboxRoutesOptions {
  db: Database;
  inbox: InboxTable;
  /** The consumer group, also the inbox's consumer name: one deployment handles each event once. */
  group: string;
  /** The typed cases (`on(contract, (event, tx) => ...)`); other event types are acknowledged unseen. */
  routes: readonly EventRoute<Transaction>[];
  /** Called after each handled event (or batch) commits having recorded an event: where the outbox relay is woken. */
  afterCommit?: () => void;
  /** See `createInboxHandler`: takes a batch's row locks at once, in one order, before its effects. */
  beforeBatch?: InboxHandlerOptions['beforeBatch'];
}

export interface SubscribeWithInboxOptions extends InboxRoutesOptions {
  transport: EventTransport;
  topics: readonly string[];
}

/**
 * The routes behind the inbox, as one handler: each event's effect runs in the transaction that
 * records its id, so redelivery is harmless (for consumers that subscribe themselves, e.g. under
 * a supervisor).
 */
export function inboxRoutes(options: InboxRoutesOptions): EventHandler {
  const { db, inbox, group, afterCommit, beforeBatch } = options;
  const route = routeEvents<Transaction>(...options.routes);
  return createInboxHandler({
    db,
    inbox,
    consumer: group,
    handles: route.handles,
    handle: (tx, envelope) => route(envelope, tx),
    ...(afterCommit ? { afterCommit } : {}),
    ...(beforeBatch ? { beforeBatch } : {}),
  });
}

/**
 * The usual consumer in one call: subscribes `group` to `topics` with `inboxRoutes`.
 *
 *   subscribeWithInbox({ db, inbox, transport, group: 'ratings', topics: [productsTopic], routes: [on(productDeleted, ...)] });
 */
export function subscribeWithInbox(options: SubscribeWithInboxOptions): Promise<Subscription> {
  return options.transport.subscribe({ groupId: options.group, topics: [...options.topics], handler: inboxRoutes(options) });
}
