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
 *   createInboxHandler({ db, inbox, consumer, handles: route.handles, handle: (tx, envelope) => route(envelope, tx) });
 */
export interface EventRouter<C> {
  (envelope: EventEnvelope, context: C): Promise<void>;
  /** True when a route exists for this type; pass to createInboxHandler's `handles` to skip the rest cheaply. */
  handles(type: string): boolean;
}

export function routeEvents<C>(...routes: EventRoute<C>[]): EventRouter<C> {
  const byType = new Map<string, EventRoute<C>>();
  for (const route of routes) {
    if (byType.has(route.type)) throw new Error(`routeEvents: two routes for ${route.type}`);
    byType.set(route.type, route);
  }
  const router = async (envelope: EventEnvelope, context: C) => {
    await byType.get(envelope.type)?.run(envelope, context);
  };
  return Object.assign(router, { handles: (type: string) => byType.has(type) });
}
