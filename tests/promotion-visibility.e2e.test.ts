import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ops from './__generated__/graphql';
import { startShop } from './support/embedded-shop';
import { newCustomer, signInAdmin, whenCouponKnown, whenKnown, type Actor } from './support/shop-actors';

/**
 * A promotion reaches shoppers through a product, a promotion quote and a cart; on each path only
 * admins see its coupon code, notes, targeting, limits, usage and lifecycle (issue 11 item 9).
 */
describe('promotion fields a shopper may see, through the router', () => {
  let shop: Awaited<ReturnType<typeof startShop>>;
  let admin: Actor;
  let customer: Actor;
  let productId: string;
  let full: { automatic: Record<string, unknown>; coupon: Record<string, unknown> };
  const tag = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const couponCode = `VIS${tag.replace(/[^A-Za-z0-9]/g, '').slice(-12)}`.toUpperCase();
  const endsAt = '2099-01-01T00:00:00.000Z';
  const as = (actor?: Actor) => (actor ? { token: actor.token } : {});
  const internal = ['description', 'productIds', 'categoryIds', 'usageLimit', 'perCustomerLimit', 'active', 'timesUsed', 'createdAt', 'couponCode'];
  /** What someone who is not an admin sees: every internal field null, the rest as an admin sees it. */
  const publicView = (promotion: Record<string, unknown>) => ({ ...promotion, ...Object.fromEntries(internal.map((field) => [field, null])) });
  const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));
  const quote = async (actor?: Actor) =>
    (
      await shop.client(
        ops.QuotePromotionVisibilityDocument,
        { input: { lines: [{ lineId: 'l1', productId, unitPrice: { amount: 2000, currency: 'EUR' }, quantity: 2 }], couponCode } },
        as(actor),
      )
    ).data!.promotionQuote.appliedPromotions.map((a) => a.promotion);
  const product = async (actor?: Actor) =>
    (await shop.client(ops.ProductPromotionVisibilityDocument, { id: productId }, as(actor))).data!.product!.activePromotions;
  const cart = async (actor: Actor) => {
    await whenKnown(async () => (await shop.client(ops.AddToCartDocument, { productId, quantity: 2 }, as(actor))).data?.addToCart);
    expect(
      (await whenCouponKnown(async () => (await shop.client(ops.ApplyCouponCodeDocument, { code: couponCode }, as(actor))).data?.applyCouponCode)).errors,
    ).toEqual([]);
    return (await shop.client(ops.CartPromotionVisibilityDocument, {}, as(actor))).data!.cart!.discount!.promotions.map((a) => a.promotion);
  };

  beforeAll(async () => {
    shop = await startShop();
    admin = await signInAdmin(shop.routerUrl, shop.admin);
    customer = await newCustomer(shop.routerUrl, 'Visible');
    const category = (await shop.client(ops.CreateCategoryDocument, { input: { slug: `v-${tag}`, name: 'Visibility' } }, as(admin))).data!.createCategory
      .category!;
    const input = { sku: `V-${tag}`, slug: `v-${tag}`, name: 'Lamp', price: { amount: 2000, currency: 'EUR' }, categoryId: category.id, published: true };
    productId = (await shop.client(ops.CreateProductDocument, { input }, as(admin))).data!.createProduct.product!.id;
    const limits = { usageLimit: 50, perCustomerLimit: 5, endsAt, minimumSubtotal: { amount: 1000, currency: 'EUR' } };
    const automatic = {
      name: 'A lamp sale',
      description: 'Clear the lamp stock before spring',
      kind: 'PERCENTAGE' as const,
      value: 1000,
      productIds: [productId],
      ...limits,
    };
    await whenKnown(async () => (await shop.client(ops.CreatePromotionFullDocument, { input: automatic }, as(admin))).data?.createPromotion);
    const coupon = {
      name: 'B coupon',
      description: 'Partner newsletter only',
      kind: 'FIXED_AMOUNT' as const,
      value: 300,
      currency: 'EUR',
      couponCode,
      categoryIds: [category.id],
      ...limits,
    };
    expect(
      (await whenKnown(async () => (await shop.client(ops.CreatePromotionFullDocument, { input: coupon }, as(admin))).data?.createPromotion)).errors,
    ).toEqual([]);

    const quoted = byName(await quote(admin));
    const common = {
      endsAt,
      usageLimit: 50,
      perCustomerLimit: 5,
      active: true,
      timesUsed: 0,
      minimumSubtotal: { amount: 1000, currency: 'EUR' },
      startsAt: expect.any(String),
      createdAt: expect.any(String),
    };
    expect(quoted).toEqual([
      {
        ...common,
        id: expect.any(String),
        name: 'A lamp sale',
        description: automatic.description,
        kind: 'PERCENTAGE',
        value: 1000,
        currency: null,
        percentage: '10.00',
        amountOff: null,
        automatic: true,
        couponCode: null,
        productIds: [productId],
        categoryIds: [],
      },
      {
        ...common,
        id: expect.any(String),
        name: 'B coupon',
        description: coupon.description,
        kind: 'FIXED_AMOUNT',
        value: 300,
        currency: 'EUR',
        percentage: null,
        amountOff: { amount: 300, currency: 'EUR' },
        automatic: false,
        couponCode,
        productIds: [],
        categoryIds: [category.id],
      },
    ]);
    full = { automatic: quoted[0]!, coupon: quoted[1]! };
  });
  afterAll(() => shop?.stop());

  it('shows admins every field on every path', async () => {
    expect(await product(admin)).toEqual([full.automatic]);
    expect(byName(await cart(admin))).toEqual([full.automatic, full.coupon]);
  });

  it('hides the internal fields from a signed-in customer on every path', async () => {
    expect(await product(customer)).toEqual([publicView(full.automatic)]);
    expect(byName(await quote(customer))).toEqual([publicView(full.automatic), publicView(full.coupon)]);
    expect(byName(await cart(customer))).toEqual([publicView(full.automatic), publicView(full.coupon)]);
  });

  it('hides the internal fields from anonymous callers, who have no cart', async () => {
    expect(await product()).toEqual([publicView(full.automatic)]);
    expect(byName(await quote())).toEqual([publicView(full.automatic), publicView(full.coupon)]);
    const anonymousCart = await shop.client(ops.CartPromotionVisibilityDocument, {}, {});
    expect(anonymousCart.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});
