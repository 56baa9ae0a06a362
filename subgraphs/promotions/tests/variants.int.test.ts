import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { entitiesOf, sqlBackends } from '@shop/testkit';
import { productDeleted, productUpdated } from '@shop/events';
import { knownVariants, promotions as promotionsTable } from '../src/db/schema';
import { adminCaller, countQueries, createPromotion, eur, outboxFor, promotionsSuite, unique } from './helpers';
import { CreatePromotionDocument, ProductSalesDocument, QuoteDocument, VariantSalesDocument, type PromotionInput } from './__generated__/graphql';

type Sale = { amount: number; currency: string } | null;

describe.each(sqlBackends)('variant conditions on %s', (backend) => {
  const { promotions, products } = promotionsSuite(backend);

  const variantRef = (id: string, amount: number) => ({ __typename: 'ProductVariant', id, price: eur(amount) });
  const variantSales = async (reps: object[]) =>
    entitiesOf('ProductVariant', (await promotions.call(VariantSalesDocument, { representations: reps })).data!._entities);
  const create = (input: PromotionInput) => promotions.call(CreatePromotionDocument, { input }, adminCaller());
  const count = async () => (await promotions.platform.database.db.select({ id: promotionsTable.id }).from(promotionsTable)).length;

  it('targets single variants: stored, shown to admins, announced, and only that variant is on sale', async () => {
    const [small, large] = [unique('var'), unique('var')];
    const category = unique('cat');
    const product = await products.createWithVariants(
      [
        [small, 2000],
        [large, 2600],
      ],
      category,
    );
    const xl = await createPromotion(promotions, { name: 'Large only', kind: 'PERCENTAGE', value: 2500, variantIds: [large, large] });
    expect(xl).toMatchObject({ productIds: [], variantIds: [large], categoryIds: [] });
    expect((await outboxFor(promotions, xl.id))[0]!.data).toMatchObject({ productIds: [], variantIds: [large], categoryIds: [] });
    expect(await variantSales([variantRef(small, 2000), variantRef(large, 2600)])).toEqual([
      { id: small, salePrice: null },
      { id: large, salePrice: eur(1950) },
    ]);
    // The product as a whole ("from" price) is not covered by a promotion on one of its variants.
    const whole = await promotions.call(ProductSalesDocument, { representations: [{ __typename: 'Product', id: product, price: eur(2000) }] });
    expect(entitiesOf('Product', whole.data!._entities)).toEqual([{ id: product, salePrice: null, activePromotions: [] }]);

    // Product and category conditions cover every variant of the product; the best one wins per variant.
    const tenOff = await createPromotion(promotions, { name: 'Ten', kind: 'PERCENTAGE', value: 1000, productIds: [product] });
    await createPromotion(promotions, { name: 'Three off', kind: 'FIXED_AMOUNT', value: 300, currency: 'EUR', categoryIds: [category] });
    expect(await variantSales([variantRef(small, 2000), variantRef(large, 2600)])).toEqual([
      { id: small, salePrice: eur(1700) }, // 3.00 off beats 10 %
      { id: large, salePrice: eur(1950) }, // 25 % beats both
    ]);
    const after = await promotions.call(ProductSalesDocument, { representations: [{ __typename: 'Product', id: product, price: eur(2000) }] });
    expect(entitiesOf('Product', after.data!._entities)[0]!.activePromotions.map((promotion) => promotion.id)).toContain(tenOff.id);
  });

  it('an unknown variant is UNKNOWN_VARIANT beside UNKNOWN_PRODUCT, and nothing is written', async () => {
    const known = unique('var');
    await products.createWithVariants([[known, 1000]]);
    const [ghostVariant, ghostProduct] = [unique('var'), unique('prod')];
    const before = await count();
    const result = await create({ name: 'x', kind: 'PERCENTAGE', value: 100, variantIds: [known, ghostVariant], productIds: [ghostProduct] });
    expect(result.data!.createPromotion).toEqual({
      promotion: null,
      errors: [
        { code: 'UNKNOWN_PRODUCT', field: 'productIds', message: `Unknown product ids: ${ghostProduct}` },
        { code: 'UNKNOWN_VARIANT', field: 'variantIds', message: `Unknown variant ids: ${ghostVariant}` },
      ],
    });
    const tooMany = await create({ name: 'x', kind: 'PERCENTAGE', value: 100, variantIds: Array.from({ length: 501 }, (_, i) => `v${i}`) });
    expect(tooMany.data!.createPromotion.errors).toEqual([{ code: 'INVALID_FIELD', field: 'variantIds', message: 'variantIds: at most 500 ids' }]);
    const blank = await create({ name: 'x', kind: 'PERCENTAGE', value: 100, variantIds: [' '] });
    expect(blank.data!.createPromotion.errors).toEqual([
      { code: 'INVALID_FIELD', field: 'variantIds', message: 'variantIds: every id must be 1 to 100 characters' },
    ]);
    expect(await count()).toBe(before);
  });

  it('learns variants from product events: the whole list replaces the old, deletion forgets them, old events mean the default variant', async () => {
    const [first, second, third] = [unique('var'), unique('var'), unique('var')];
    const category = unique('cat');
    const product = await products.createWithVariants(
      [
        [first, 1000],
        [second, 1100],
      ],
      category,
    );
    await products.publish(
      productUpdated.create(
        product,
        products.withVariants(product, category, [
          [second, 1100],
          [third, 1200],
        ]),
      ),
    );
    const variantsOf = async (productId: string) =>
      (await promotions.platform.database.db.select().from(knownVariants).where(eq(knownVariants.productId, productId))).map((row) => row.variantId).sort();
    expect(await variantsOf(product)).toEqual([second, third].sort());
    const refused = await create({ name: 'x', kind: 'PERCENTAGE', value: 100, variantIds: [first] });
    expect(refused.data!.createPromotion.errors.map((error) => error.code)).toEqual(['UNKNOWN_VARIANT']);

    await products.publish(productDeleted.create(product, { productId: product }));
    expect(await variantsOf(product)).toEqual([]);

    // An event recorded before variants existed: its product is its own (default) variant.
    const legacy = await products.create(category);
    expect(await variantsOf(legacy)).toEqual([legacy]);
    const byDefaultVariant = await createPromotion(promotions, { name: 'Default variant', kind: 'PERCENTAGE', value: 5000, variantIds: [legacy] });
    expect(byDefaultVariant.variantIds).toEqual([legacy]);
    const whole = await promotions.call(ProductSalesDocument, { representations: [{ __typename: 'Product', id: legacy, price: eur(1000) }] });
    expect(entitiesOf('Product', whole.data!._entities)[0]!.salePrice).toEqual(eur(500));
  });

  it('quotes a line by its variant; a line without one is the default variant', async () => {
    const [blue, red] = [unique('var'), unique('var')];
    const product = await products.createWithVariants([
      [blue, 1000],
      [red, 1000],
    ]);
    const promotion = await createPromotion(promotions, { name: 'Blue', kind: 'PERCENTAGE', value: 2000, variantIds: [blue] });
    const line = (lineId: string, variantId?: string) => ({
      lineId,
      productId: product,
      ...(variantId ? { variantId } : {}),
      unitPrice: eur(1000),
      quantity: 2,
    });
    const result = await promotions.call(QuoteDocument, { input: { lines: [line('b', blue), line('r', red), line('p')] } });
    expect(result.data!.promotionQuote.lines.map((l) => [l.lineId, l.discount.amount, l.promotionIds])).toEqual([
      ['b', 400, [promotion.id]],
      ['r', 0, []],
      ['p', 0, []],
    ]);
  });

  it('20 variant representations cost one _entities call and two SQL queries', async () => {
    const reps: object[] = [];
    const expected: Array<{ id: string; salePrice: Sale }> = [];
    for (let i = 0; i < 10; i++) {
      const [a, b] = [unique('var'), unique('var')];
      await products.createWithVariants([
        [a, 1000 + i],
        [b, 2000 + i],
      ]);
      if (i % 2 === 0) await createPromotion(promotions, { name: `V${i}`, kind: 'PERCENTAGE', value: 1000, variantIds: [b] });
      reps.push(variantRef(a, 1000 + i), variantRef(b, 2000 + i));
      const price = 2000 + i;
      expected.push({ id: a, salePrice: null }, { id: b, salePrice: i % 2 === 0 ? eur(price - Math.floor(price / 10)) : null });
    }
    const { result, queries } = await countQueries(promotions, () => variantSales(reps));
    expect(result).toEqual(expected);
    expect(queries).toBe(2);
  });
});
