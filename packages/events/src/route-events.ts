import type { EventContract } from './define-event';
import type { EventEnvelope } from './envelope';

/** One typed case of an event router; build it with `on()`. */
export interface EventRoute<C> {
  readonly type: string;
  run(envelope: EventEnvelope, context: C): Promise<void>;
}

/**
 * Pairs a contract with its handler: the handler receives the envelope parsed and typed by the
 * contract, so a malformed event throws InvalidEventError (dead-lettered at once, not retried).
 */
export function on<T, C>(contract: EventContract<T>, handle: (event: EventEnvelope<T>, context: C) => Promise<void>): EventRoute<C> {
  return { type: contract.type, run: (envelope, context) => handle(contract.parse(envelope), context) };
}

/**
 * Dispatches by event type. A topic carries every event of its domain, so types a consumer has no
 * route for are ignored rather than treated as errors. The context is whatever the caller passes
 * along, typically the inbox transaction:
 *
 *   const route = routeEvents(on(userRegistered, async (event, tx: Transaction) => { ... }));
 *   createInboxHandler({ db, inbox, consumer, handle: (tx, envelope) => route(envelope, tx) });
 */
export function routeEvents<C>(...routes: EventRoute<C>[]): (envelope: EventEnvelope, context: C) => Promise<void> {
  const byType = new Map<string, EventRoute<C>>();
  for (const route of routes) {
    if (byType.has(route.type)) throw new Error(`routeEvents: two routes for ${route.type}`);
    byType.set(route.type, route);
  }
  return async (envelope, context) => {
    await byType.get(envelope.type)?.run(envelope, context);
  };
}
