import { describe, expect, it } from 'vitest';
import { entitiesOf, sqlBackends } from '@shop/testkit';
import { createPromotions } from '../src';
import { adminCaller, countQueries, couponCode, createPromotion, eur, promotionsSuite, unique } from './helpers';
import { DeactivatePromotionDocument, ProductSalesDocument } from './__generated__/graphql';

describe.each(sqlBackends)('Product.salePrice on %s', (backend) => {
  const { promotions, products } = promotionsSuite(backend);

  const ref = (id: string, amount: number, currency = 'EUR') => ({ __typename: 'Product', id, price: { amount, currency } });
  const entities = async (reps: object[]) => entitiesOf('Product', (await promotions.call(ProductSalesDocument, { representations: reps })).data!._entities);

  it('applies the best running automatic promotion to the required price, rounding the discount down', async () => {
    const category = unique('cat');
    const [a, b, c, d] = [await products.create(), await products.create(category), await products.create(), await products.create(category)];
    const fifteen = await createPromotion(promotions, { name: 'Fifteen', kind: 'PERCENTAGE', value: 1500, productIds: [a] });
    const threeOff = await createPromotion(promotions, { name: 'Three off', kind: 'FIXED_AMOUNT', value: 300, currency: 'EUR', categoryIds: [category] });
    const half = await createPromotion(promotions, { name: 'Half on D', kind: 'PERCENTAGE', value: 5000, productIds: [d] });
    // Never applicable here: a coupon, another currency, ended, not started, deactivated.
    await createPromotion(promotions, { name: 'Coupon', kind: 'PERCENTAGE', value: 9000, productIds: [a, c], couponCode: couponCode() });
    await createPromotion(promotions, { name: 'Dollars', kind: 'FIXED_AMOUNT', value: 900, currency: 'USD', productIds: [a, c] });
    await createPromotion(promotions, {
      name: 'Ended',
      kind: 'PERCENTAGE',
      value: 9000,
      productIds: [a, c],
      startsAt: '2020-01-01T00:00:00Z',
      endsAt: '2020-02-01T00:00:00Z',
    });
    await createPromotion(promotions, { name: 'Future', kind: 'PERCENTAGE', value: 9000, productIds: [a, c], startsAt: '2999-01-01T00:00:00Z' });
    const gone = await createPromotion(promotions, { name: 'Gone', kind: 'PERCENTAGE', value: 9000, productIds: [a, c] });
    await promotions.call(DeactivatePromotionDocument, { id: gone.id }, adminCaller());

    expect(await entities([ref(a, 999), ref(b, 200), ref(c, 5000), ref(d, 2000), ref(b, 1000, 'USD')])).toEqual([
      { id: a, salePrice: eur(850), activePromotions: [{ id: fifteen.id, name: 'Fifteen' }] }, // 149.85 off -> 149
      { id: b, salePrice: eur(0), activePromotions: [{ id: threeOff.id, name: 'Three off' }] }, // never below zero
      { id: c, salePrice: null, activePromotions: [] },
      {
        id: d,
        salePrice: eur(1000),
        activePromotions: [
          { id: threeOff.id, name: 'Three off' },
          { id: half.id, name: 'Half on D' },
        ],
      }, // best of 3.00 and 10.00
      { id: b, salePrice: null, activePromotions: [{ id: threeOff.id, name: 'Three off' }] }, // EUR amount on a USD price
    ]);
  });

  it('follows category changes announced by product.updated', async () => {
    const [before, after] = [unique('cat'), unique('cat')];
    const product = await products.create(before);
    await createPromotion(promotions, { name: 'After', kind: 'PERCENTAGE', value: 1000, categoryIds: [after] });
    expect((await entities([ref(product, 1000)]))[0]!.salePrice).toBeNull();
    await products.publish(products.updated(product, after));
    expect((await entities([ref(product, 1000)]))[0]!.salePrice).toEqual(eur(900));
  });

  it('drops an automatic promotion once its usage limit is reached', async () => {
    const product = await products.create();
    const limited = await createPromotion(promotions, { name: 'Once', kind: 'PERCENTAGE', value: 2000, productIds: [product], usageLimit: 1 });
    expect((await entities([ref(product, 1000)]))[0]!.salePrice).toEqual(eur(800));
    await createPromotions(promotions.platform.database.db).services.usage.recordUsage(limited.id, 'cust-1', unique('order'));
    expect(await entities([ref(product, 1000)])).toEqual([{ id: product, salePrice: null, activePromotions: [] }]);
  });

  it('20 product representations cost one _entities call and two SQL queries', async () => {
    const ids: string[] = [];
    const expected: Array<{ id: string; salePrice: { amount: number; currency: string } | null; activePromotions: Array<{ id: string; name: string }> }> = [];
    for (let i = 0; i < 20; i++) {
      const category = unique('cat');
      const id = await products.create(category);
      const promotion =
        i % 2 === 0 ? await createPromotion(promotions, { name: `P${i}`, kind: 'PERCENTAGE', value: 100 * (i + 1), categoryIds: [category] }) : null;
      ids.push(id);
      const price = 1000 + i;
      const sale = promotion ? price - Math.floor((price * 100 * (i + 1)) / 10_000) : null;
      expected.push({ id, salePrice: sale === null ? null : eur(sale), activePromotions: promotion ? [{ id: promotion.id, name: `P${i}` }] : [] });
    }
    const { result, queries } = await countQueries(promotions, () => entities(ids.map((id, i) => ref(id, 1000 + i))));
    expect(result).toEqual(expected);
    expect(expected[2]!.salePrice).toEqual(eur(972)); // 1002 at 3 %: 30.06 off -> 30
    expect(queries).toBe(2);
  });
});
