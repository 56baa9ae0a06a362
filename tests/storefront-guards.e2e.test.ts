import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddReviewDocument, AdjustStockDocument, CreateCategoryDocument, CreateProductDocument, DeleteReviewDocument } from './__generated__/graphql';
import { startShop } from './support/embedded-shop';
import { newCustomer, signInAdmin, whenKnown, type Actor } from './support/shop-actors';

/** Authorization and bad input on storefront mutations, through the router with the typed client. */
describe('storefront guards through the router', () => {
  let shop: Awaited<ReturnType<typeof startShop>>;
  let admin: Actor;
  let customer: Actor;
  let other: Actor;
  let categoryId: string;
  let productId: string;
  const product = (overrides: Record<string, unknown> = {}) => ({
    sku: `G-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    slug: `g-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    name: 'Guarded',
    price: { amount: 1500, currency: 'EUR' },
    categoryId,
    published: true,
    ...overrides,
  });

  beforeAll(async () => {
    shop = await startShop();
    admin = await signInAdmin(shop.routerUrl, shop.admin);
    customer = await newCustomer(shop.routerUrl, 'Ada');
    other = await newCustomer(shop.routerUrl, 'Grace');
    const category = await shop.client(CreateCategoryDocument, { input: { slug: `guards-${Date.now()}`, name: 'Guards' } }, { token: admin.token });
    categoryId = category.data!.createCategory.category!.id;
    productId = (await shop.client(CreateProductDocument, { input: product() }, { token: admin.token })).data!.createProduct.product!.id;
  });
  afterAll(() => shop?.stop());

  it('a customer cannot create products; an anonymous caller must sign in', async () => {
    const asCustomer = await shop.client(CreateProductDocument, { input: product() }, { token: customer.token });
    expect(asCustomer.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const anonymous = await shop.client(CreateProductDocument, { input: product() });
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('a customer cannot adjust stock', async () => {
    const result = await shop.client(AdjustStockDocument, { input: { productId, delta: 5, idempotencyKey: 'guard-1' } }, { token: customer.token });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('a negative price is INVALID_PRICE and an unknown category UNKNOWN_CATEGORY', async () => {
    const negative = await shop.client(CreateProductDocument, { input: product({ price: { amount: -1, currency: 'EUR' } }) }, { token: admin.token });
    expect(negative.data?.createProduct).toMatchObject({ product: null, errors: [{ code: 'INVALID_PRICE', field: expect.stringContaining('price') }] });
    const unknown = await shop.client(
      CreateProductDocument,
      { input: product({ categoryId: '00000000-0000-4000-8000-000000000000' }) },
      { token: admin.token },
    );
    expect(unknown.data?.createProduct.errors.map((e) => e.code)).toEqual(['UNKNOWN_CATEGORY']);
  });

  it('rating 6 is INVALID_RATING', async () => {
    const result = await whenKnown(
      async () =>
        (await shop.client(AddReviewDocument, { input: { productId, rating: 6, title: 'Too good', body: '' } }, { token: customer.token })).data?.addReview,
    );
    expect(result).toMatchObject({ review: null, errors: [{ code: 'INVALID_RATING', field: 'rating' }] });
  });

  it("a customer cannot delete another customer's review; the author and admins can", async () => {
    const added = await whenKnown(
      async () =>
        (await shop.client(AddReviewDocument, { input: { productId, rating: 4, title: 'Good', body: 'Nice.' } }, { token: customer.token })).data?.addReview,
    );
    const reviewId = added.review!.id;
    const byOther = await shop.client(DeleteReviewDocument, { id: reviewId }, { token: other.token });
    expect(byOther.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const byAdmin = await shop.client(DeleteReviewDocument, { id: reviewId }, { token: admin.token });
    expect(byAdmin.data).toEqual({ deleteReview: { deletedReviewId: reviewId } });
  });
});
