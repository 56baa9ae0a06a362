import { describe, expect, it } from 'vitest';
import { entitiesOf, sqlBackends } from '@shop/testkit';
import { createPromotions } from '../src';
import { codes, countQueries, couponCode, createPromotion, customerCaller, eur, promotionsSuite, unique } from './helpers';
import { cartLine, cartRepresentation } from './saga-helpers';
import { CartCouponsDocument, CartDiscountsDocument } from './__generated__/graphql';

describe.each(sqlBackends)('Cart.discount on %s', (backend) => {
  const { promotions, products } = promotionsSuite(backend);

  const discountOf = (reps: unknown[], caller = customerCaller()) => promotions.call(CartDiscountsDocument, { representations: reps }, caller);

  it('stacks a percentage coupon on the best automatic promotion, line by line', async () => {
    const category = unique('cat');
    const shoe = await products.create(category);
    const auto = await createPromotion(promotions, { name: 'Ten', kind: 'PERCENTAGE', value: 1000, categoryIds: [category] });
    const code = couponCode();
    const coupon = await createPromotion(promotions, { name: 'Twenty on shoes', kind: 'PERCENTAGE', value: 2000, couponCode: code, productIds: [shoe] });
    const cart = cartRepresentation(
      [cartLine('l1', shoe, category, 999, 2), cartLine('l2', unique('hat'), category, 450), cartLine('l3', unique('x'), unique('cat'), 700)],
      code,
    );
    // l1: 2 x 99 automatic, then 20 % of the 1800 left = 360; l2: 45 automatic; l3: nothing
    expect((await discountOf([cart])).data).toEqual({
      _entities: [
        {
          id: cart.id,
          discount: {
            total: eur(603),
            lines: [
              { lineId: 'l1', amount: eur(558) },
              { lineId: 'l2', amount: eur(45) },
              { lineId: 'l3', amount: eur(0) },
            ],
            promotions: [
              { promotion: { id: auto.id }, promotionId: auto.id, name: 'Ten', couponCode: null, amount: eur(243) },
              { promotion: { id: coupon.id }, promotionId: coupon.id, name: 'Twenty on shoes', couponCode: code, amount: eur(360) },
            ],
          },
        },
      ],
    });
  });

  it('discounts a whole _entities call with one SQL statement; a minimum subtotal not reached gives nothing; an empty cart is null', async () => {
    const category = unique('cat');
    const auto = await createPromotion(promotions, {
      name: 'Ten from 50',
      kind: 'PERCENTAGE',
      value: 1000,
      categoryIds: [category],
      minimumSubtotal: eur(5000),
    });
    const short = cartRepresentation([cartLine('a', unique('p'), category, 4999)]);
    const met = cartRepresentation([cartLine('a', unique('p'), category, 2500, 2)]);
    const empty = cartRepresentation([]);
    const { result, queries } = await countQueries(promotions, () => discountOf([short, met, empty]));
    expect(queries).toBe(1);
    expect(result.data!._entities).toEqual([
      { id: short.id, discount: { total: eur(0), lines: [{ lineId: 'a', amount: eur(0) }], promotions: [] } },
      {
        id: met.id,
        discount: {
          total: eur(500),
          lines: [{ lineId: 'a', amount: eur(500) }],
          promotions: [{ promotion: { id: auto.id }, promotionId: auto.id, name: 'Ten from 50', couponCode: null, amount: eur(500) }],
        },
      },
      { id: empty.id, discount: null },
    ]);
  });

  it('shares a fixed-amount coupon over the lines it covers, so the lines add up to the total', async () => {
    const category = unique('cat');
    const code = couponCode();
    const coupon = await createPromotion(promotions, {
      name: 'Ten off',
      kind: 'FIXED_AMOUNT',
      value: 1000,
      currency: 'EUR',
      couponCode: code,
      categoryIds: [category],
    });
    const cart = cartRepresentation(
      [cartLine('a', unique('p'), category, 1000), cartLine('b', unique('p'), category, 1000, 2), cartLine('c', unique('p'), unique('cat'), 500)],
      code,
    );
    // 1000 over 1000 : 2000 -> 333.33 / 666.67 -> 333 / 667
    expect(entitiesOf('Cart', (await discountOf([cart])).data!._entities)[0]!.discount).toEqual({
      total: eur(1000),
      lines: [
        { lineId: 'a', amount: eur(333) },
        { lineId: 'b', amount: eur(667) },
        { lineId: 'c', amount: eur(0) },
      ],
      promotions: [{ promotion: { id: coupon.id }, promotionId: coupon.id, name: 'Ten off', couponCode: code, amount: eur(1000) }],
    });
  });

  it("counts per-customer limits for the caller, the cart's owner", async () => {
    const product = await products.create();
    const code = couponCode();
    const coupon = await createPromotion(promotions, {
      name: 'Once each',
      kind: 'PERCENTAGE',
      value: 5000,
      couponCode: code,
      productIds: [product],
      perCustomerLimit: 1,
    });
    const owner = customerCaller();
    await createPromotions(promotions.platform.database.db).services.usage.recordUsage(coupon.id, owner.userId, unique('order'));
    const cart = cartRepresentation([cartLine('a', product, unique('cat'), 1000)], code);
    expect(entitiesOf('Cart', (await discountOf([cart], owner)).data!._entities)[0]!.discount!.total).toEqual(eur(0));
    expect(entitiesOf('Cart', (await discountOf([cart], customerCaller())).data!._entities)[0]!.discount!.total).toEqual(eur(500));
  });

  it('lists appliedPromotions and says why an entered coupon takes nothing off (couponRejection), empty carts included', async () => {
    const category = unique('cat');
    const code = couponCode();
    const coupon = await createPromotion(promotions, {
      name: 'Ten from 50',
      kind: 'PERCENTAGE',
      value: 1000,
      couponCode: code,
      categoryIds: [category],
      minimumSubtotal: eur(5000),
    });
    const ended = couponCode();
    await createPromotion(promotions, {
      name: 'Ended',
      kind: 'PERCENTAGE',
      value: 1000,
      couponCode: ended,
      startsAt: '2026-01-01T00:00:00.000Z',
      endsAt: '2026-02-01T00:00:00.000Z',
    });
    const met = cartRepresentation([cartLine('a', unique('p'), category, 2500, 2)], code.toLowerCase());
    const short = cartRepresentation([cartLine('a', unique('p'), category, 2500), cartLine('b', unique('p'), unique('cat'), 9000)], code);
    const empty = cartRepresentation([], code);
    const gone = cartRepresentation([cartLine('a', unique('p'), category, 2500)], ended);
    const none = cartRepresentation([cartLine('a', unique('p'), category, 2500)]);
    const result = await promotions.call(CartCouponsDocument, { representations: [met, short, empty, gone, none] }, customerCaller());
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { appliedPromotions: [{ promotionId: coupon.id, couponCode: code, amount: eur(500) }], couponRejection: null },
        {
          appliedPromotions: [],
          couponRejection: {
            couponCode: code,
            code: 'COUPON_MINIMUM_NOT_MET',
            message: `Add €25.00 more in eligible items to use the coupon ${code}.`,
            missingAmount: eur(2500),
          },
        },
        {
          appliedPromotions: [],
          couponRejection: {
            couponCode: code,
            code: 'COUPON_NOT_APPLICABLE',
            message: `The coupon ${code} does not apply to anything in your cart.`,
            missingAmount: null,
          },
        },
        {
          appliedPromotions: [],
          couponRejection: { couponCode: ended, code: 'COUPON_EXPIRED', message: `The coupon ${ended} has expired.`, missingAmount: null },
        },
        { appliedPromotions: [], couponRejection: null },
      ],
    });
  });

  it('refuses a line in another currency than the cart with BAD_USER_INPUT', async () => {
    const cart = cartRepresentation([cartLine('a', 'p', 'c', 100), { ...cartLine('b', 'q', 'c', 100), unitPrice: { amount: 100, currency: 'USD' } }]);
    const result = await discountOf([cart]);
    expect(codes(result)).toEqual([['BAD_USER_INPUT', `Cart ${cart.id}: Every line of a cart must be in the same currency`]]);
  });
});
