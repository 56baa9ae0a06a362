import type { Database, Transaction } from '@shop/db';
import {
  on,
  subscribeWithInbox,
  shippingRateChanged,
  shippingRateDeleted,
  shippingTopic,
  type EventRoute,
  type EventTransport,
  type Subscription,
} from '@shop/events';
import { inbox } from '../db/schema';
import { notServedAt, withdrawn } from '../services/shipping-method-notices';
import type { CartStore } from '../stores/cart.store';
import type { KnownShippingRateStore } from '../stores/known-shipping-rate.store';

/** Consumer group and inbox consumer name of the shipping-option copy (the saga reads the same topic as `orders-saga`). */
export const SHIPPING_RATE_EVENTS_GROUP = 'orders-shipping-rates';

/**
 * Keeps `known_shipping_rates` in step with shipping. A rate that moves to another country or is
 * deleted is cleared from the open carts that chose it and no longer fit it, with a notice: those
 * carts (and their orders) are charged the cheapest option, as shipping's quote already does.
 */
export function consumeShippingRateEvents(db: Database, transport: EventTransport, rates: KnownShippingRateStore, carts: CartStore): Promise<Subscription> {
  const routes: EventRoute<Transaction>[] = [
    on(shippingRateChanged, async (event, tx) => {
      const rate = {
        rateId: event.data.rateId,
        country: event.data.country,
        currency: event.data.currency,
        carrier: event.data.carrier,
        name: event.data.name,
      };
      await rates.upsert(rate, tx);
      await carts.clearShippingMethod(rate.rateId, rate.country, notServedAt(rate, 'your address'), tx);
    }),
    on(shippingRateDeleted, async (event, tx) => {
      const rate = await rates.delete(event.data.rateId, tx);
      if (rate) await carts.clearShippingMethod(rate.rateId, null, withdrawn(rate), tx);
    }),
  ];
  return subscribeWithInbox({ db, inbox, transport, group: SHIPPING_RATE_EVENTS_GROUP, topics: [shippingTopic], routes });
}
