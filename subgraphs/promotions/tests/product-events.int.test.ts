import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { entitiesOf, eventually, sqlBackends } from '@shop/testkit';
import { productDeleted } from '@shop/events';
import { inbox, knownProducts } from '../src/db/schema';
import { adminCaller, createPromotion, eur, promotionsSuite, unique } from './helpers';
import { CreatePromotionDocument, ProductSalesDocument } from './__generated__/graphql';

describe.each(sqlBackends)('product events on %s', (backend) => {
  const { promotions, products } = promotionsSuite(backend);

  const known = (productId: string) => promotions.platform.database.db.select().from(knownProducts).where(eq(knownProducts.productId, productId));
  const salePrice = async (productId: string) =>
    entitiesOf(
      'Product',
      (await promotions.call(ProductSalesDocument, { representations: [{ __typename: 'Product', id: productId, price: eur(1000) }] })).data!._entities,
    )[0]!.salePrice;

  it('an event delivered twice takes effect once', async () => {
    const [first, second] = [unique('cat'), unique('cat')];
    const productId = unique('prod');
    await createPromotion(promotions, { name: 'Second category', kind: 'PERCENTAGE', value: 2500, categoryIds: [second] });
    const created = await products.publish(products.created(productId, first));
    await products.publish(products.updated(productId, second));
    // The redelivered product.created must not take the product back to its first category.
    await promotions.platform.transport.publish([{ topic: 'shop.products', key: productId, envelope: created }]);
    await products.publish(products.updated(productId, second));
    expect(await known(productId)).toEqual([
      { productId, categoryId: second, priceAmount: 1000, priceCurrency: 'EUR', published: true, updatedAt: expect.any(Date) },
    ]);
    expect(await promotions.platform.database.db.select().from(inbox).where(eq(inbox.eventId, created.id))).toHaveLength(1);
    expect(await salePrice(productId)).toEqual(eur(750));
  });

  it('product.deleted forgets the product: promotions can no longer target it', async () => {
    const productId = await products.create();
    await products.publish(productDeleted.create(productId, { productId }));
    await eventually(async () => (await known(productId)).length === 0);
    const result = await promotions.call(
      CreatePromotionDocument,
      { input: { name: 'x', kind: 'PERCENTAGE', value: 100, productIds: [productId] } },
      adminCaller(),
    );
    expect(result.data!.createPromotion.errors.map((error) => error.code)).toEqual(['UNKNOWN_PRODUCT']);
  });
});
