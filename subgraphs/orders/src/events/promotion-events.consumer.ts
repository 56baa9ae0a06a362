import type { Database, Transaction } from '@shop/db';
import { normalizeCouponCode } from '@shop/discounts';
import {
  couponRule,
  on,
  promotionCreated,
  promotionDeactivated,
  promotionsTopic,
  promotionUpdated,
  subscribeWithInbox,
  type EventRoute,
  type EventTransport,
  type PromotionSnapshot,
  type Subscription,
} from '@shop/events';
import { inbox } from '../db/schema';
import type { KnownCouponStore } from '../stores/known-coupon.store';

/** Consumer group and inbox consumer name of the coupon copy (the saga reads the same topic as `orders-saga`). */
export const PROMOTION_EVENTS_GROUP = 'orders-coupons';

async function keep(coupons: KnownCouponStore, data: PromotionSnapshot, tx: Transaction): Promise<void> {
  if (data.couponCode === null) return coupons.delete(data.promotionId, tx);
  await coupons.upsert(data.promotionId, normalizeCouponCode(data.couponCode), couponRule.parse(data), tx);
}

/**
 * Keeps `known_coupons` in step with promotions, so `applyCouponCode` can refuse a code at once
 * with the reason promotions would give. Every event carries the whole snapshot; the inbox makes
 * redelivery harmless.
 */
export function consumePromotionEvents(db: Database, transport: EventTransport, coupons: KnownCouponStore): Promise<Subscription> {
  const routes: EventRoute<Transaction>[] = [
    on(promotionCreated, (event, tx) => keep(coupons, event.data, tx)),
    on(promotionUpdated, (event, tx) => keep(coupons, event.data, tx)),
    on(promotionDeactivated, (event, tx) => keep(coupons, event.data, tx)),
  ];
  return subscribeWithInbox({ db, inbox, transport, group: PROMOTION_EVENTS_GROUP, topics: [promotionsTopic], routes });
}
