import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
  productCreated,
  productDeleted,
  productsTopic,
  productUpdated,
  promotionCreated,
  promotionsTopic,
  type EventEnvelope,
  type ProductSnapshot,
  type PromotionSnapshot,
} from '@shop/events';
import { eventually, type SubgraphHarness } from '@shop/testkit';
import { inbox } from '../src/db/schema';

export const newProductId = () => `prod-${randomUUID()}`;

export const snapshot = (productId: string, overrides: Partial<ProductSnapshot> = {}): ProductSnapshot => ({
  productId,
  sku: `SKU-${productId}`,
  name: 'Tea pot',
  categoryId: 'kitchen',
  price: { amount: 2599, currency: 'EUR' },
  published: true,
  ...overrides,
});

export const createdEvent = (productId: string, overrides: Partial<ProductSnapshot> = {}) => productCreated.create(productId, snapshot(productId, overrides));
export const updatedEvent = (productId: string, overrides: Partial<ProductSnapshot> = {}) => productUpdated.create(productId, snapshot(productId, overrides));
export const deletedEvent = (productId: string) => productDeleted.create(productId, { productId });

/** The catalog as orders hears of it: product events on `shop.products`, awaited until consumed. */
export function catalog(harness: SubgraphHarness) {
  const consumed = async (eventId: string) => (await harness.platform.database.db.select().from(inbox).where(eq(inbox.eventId, eventId))).length === 1;
  const publish = async (envelope: EventEnvelope) => {
    await harness.platform.transport.publish([{ topic: productsTopic, key: envelope.aggregateId, envelope }]);
    await eventually(() => consumed(envelope.id));
    return envelope;
  };
  return {
    publish,
    /** Announces a new product and waits until orders has consumed it. */
    async create(overrides: Partial<ProductSnapshot> = {}, productId = newProductId()) {
      await publish(createdEvent(productId, overrides));
      return productId;
    },
  };
}

/** Promotions as orders hears of them: `promotion.*` events on `shop.promotions`, awaited until consumed. */
export function promotionsFeed(harness: SubgraphHarness) {
  const consumed = async (eventId: string) => (await harness.platform.database.db.select().from(inbox).where(eq(inbox.eventId, eventId))).length === 1;
  return {
    /** Announces a coupon (running, 10 % off everything unless overridden) and waits until orders has consumed it. */
    async coupon(couponCode: string, overrides: Partial<PromotionSnapshot> = {}) {
      const promotionId = randomUUID();
      const envelope = promotionCreated.create(promotionId, {
        promotionId,
        name: `Coupon ${couponCode}`,
        kind: 'PERCENTAGE',
        value: 1000,
        currency: null,
        automatic: false,
        couponCode,
        startsAt: '2026-01-01T00:00:00.000Z',
        endsAt: null,
        productIds: [],
        categoryIds: [],
        minimumSubtotal: null,
        usageLimit: null,
        perCustomerLimit: null,
        active: true,
        ...overrides,
      });
      await harness.platform.transport.publish([{ topic: promotionsTopic, key: promotionId, envelope }]);
      await eventually(() => consumed(envelope.id));
      return promotionId;
    },
  };
}

export const customer = (userId: string = randomUUID()) => ({ userId, roles: ['customer'] });
export const admin = (userId: string = randomUUID()) => ({ userId, roles: ['customer', 'admin'] });

/** The answer of an operation's one root field (`addToCart`, `cart`, ...). */
export type RootField<TData> = TData[Exclude<keyof TData, '__typename'>];
export const rootField = <TData extends object>(data: TData) => Object.values(data)[0] as RootField<TData>;

export const userRef = (id: string) => [{ __typename: 'User', id }];
