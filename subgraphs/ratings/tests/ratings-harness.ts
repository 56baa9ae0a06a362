import { eventually } from '@shop/testkit';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { productCreated, productDeleted, type EventContract, type EventEnvelope, type EventTransport } from '@shop/events';
import { entitiesOf, startSubgraphHarness, type HarnessBackend, type SubgraphHarness } from '@shop/testkit';
import { ratingsModule } from '../src';
import { knownProducts } from '../src/db/schema';
import { AddReviewDocument, DeleteReviewDocument, ProductSummariesDocument } from './__generated__/graphql';

/** Shared set-up for the ratings integration suites: products made known through real events, review helpers. */
export const startRatings = (backend: HarnessBackend, transport: 'local' | 'kafka' = 'local') =>
  startSubgraphHarness({ module: ratingsModule, config: {}, backend, transport });

export const customer = (userId: string = randomUUID()) => ({ userId, roles: ['customer'] });
export const admin = () => ({ userId: randomUUID(), roles: ['customer', 'admin'] });

export const isKnown = async (harness: SubgraphHarness, productId: string) =>
  (await harness.platform.database.db.select().from(knownProducts).where(eq(knownProducts.productId, productId))).length === 1;

export function productCreatedEvent(productId: string = `prod-${randomUUID()}`) {
  return productCreated.create(productId, {
    productId,
    sku: `SKU-${productId.slice(-8)}`,
    name: 'Test product',
    categoryId: 'cat-1',
    price: { amount: 1999, currency: 'EUR' },
    published: true,
  });
}

export const productDeletedEvent = (productId: string) => productDeleted.create(productId, { productId });

export async function publish<T>(transport: EventTransport, contract: EventContract<T>, envelope: EventEnvelope<T>) {
  await transport.publish([{ topic: contract.topic, key: envelope.aggregateId, envelope }]);
}

/** A product the catalog announced with product.created and ratings has consumed. */
export async function knownProduct(harness: SubgraphHarness): Promise<string> {
  const event = productCreatedEvent();
  await publish(harness.platform.transport, productCreated, event);
  await eventually(() => isKnown(harness, event.aggregateId), { what: `product ${event.aggregateId} to be known` });
  return event.aggregateId;
}

export const addReview = (
  harness: SubgraphHarness,
  caller: { userId: string | null; roles?: string[] },
  input: { productId: string; rating: number; title?: string; body?: string },
) => harness.call(AddReviewDocument, { input: { title: 'Nice', body: 'Does the job.', ...input } }, caller);

/** Adds a review that must succeed and returns it. */
export async function addOk(harness: SubgraphHarness, productId: string, rating: number, userId: string = randomUUID()) {
  const result = await addReview(harness, customer(userId), { productId, rating, title: `${rating} stars` });
  const review = result.data?.addReview.review;
  if (!review) throw new Error(`addReview failed: ${JSON.stringify(result)}`);
  return review;
}

export const deleteReview = (harness: SubgraphHarness, caller: { userId: string | null; roles?: string[] }, id: string) =>
  harness.call(DeleteReviewDocument, { id }, caller);

export async function summaries(harness: SubgraphHarness, productIds: string[]) {
  const result = await harness.call(ProductSummariesDocument, { reps: productIds.map((id) => ({ __typename: 'Product', id })) });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return entitiesOf('Product', result.data._entities);
}
