import type { Database, Transaction } from '@shop/db';
import { createInboxHandler, on, routeEvents, userEmailVerified, usersTopic, type EventTransport, type Subscription } from '@shop/events';
import { inbox } from '../db/schema';
import type { VerifiedEmailStore } from '../stores/verified-email.store';

/** Consumer group and inbox consumer name of the verified-addresses copy. */
export const USER_EVENTS_GROUP = 'orders-users';

/** Keeps `verified_emails` from users' `user.email-verified`, for `claimGuestOrders`; the inbox makes redelivery harmless. */
export function consumeUserEvents(db: Database, transport: EventTransport, verified: VerifiedEmailStore): Promise<Subscription> {
  const route = routeEvents<Transaction>(on(userEmailVerified, (event, tx) => verified.save(event.data.userId, event.data.email, new Date(event.data.at), tx)));
  const handle = createInboxHandler({ db, inbox, consumer: USER_EVENTS_GROUP, handles: route.handles, handle: (tx, envelope) => route(envelope, tx) });
  return transport.subscribe({ groupId: USER_EVENTS_GROUP, topics: [usersTopic], handler: handle });
}
