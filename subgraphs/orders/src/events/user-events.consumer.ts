import type { Database, Transaction } from '@shop/db';
import { on, subscribeWithInbox, userEmailVerified, usersTopic, type EventRoute, type EventTransport, type Subscription } from '@shop/events';
import { inbox } from '../db/schema';
import type { VerifiedEmailStore } from '../stores/verified-email.store';

/** Consumer group and inbox consumer name of the verified-addresses copy. */
export const USER_EVENTS_GROUP = 'orders-users';

/** Keeps `verified_emails` from users' `user.email-verified`, for `claimGuestOrders`; the inbox makes redelivery harmless. */
export function consumeUserEvents(db: Database, transport: EventTransport, verified: VerifiedEmailStore): Promise<Subscription> {
  const routes: EventRoute<Transaction>[] = [
    on(userEmailVerified, (event, tx) => verified.save(event.data.userId, event.data.email, new Date(event.data.at), tx)),
  ];
  return subscribeWithInbox({ db, inbox, transport, group: USER_EVENTS_GROUP, topics: [usersTopic], routes });
}
