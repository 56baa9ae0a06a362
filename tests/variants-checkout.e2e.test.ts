import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddVariantToCartDocument, CartQuoteDocument, OrderVariantLinesDocument, StockMovementsDocument } from './__generated__/graphql';
import type { ServicesShop } from '../scripts/services-shop';
import { openCheckoutShop, orderWhen, placeOrder } from './support/checkout-actors';
import { newCustomer, type Actor } from './support/shop-actors';
import { shirtInSizes, shopperWithVariant, stockBySize } from './support/variant-actors';

const terminal = ['CONFIRMED', 'CANCELLED'];

/**
 * Selling sizes through the router, every subgraph wired as in services mode (PostgreSQL, Kafka,
 * Redis): the variant is what is carted, reserved, ordered and taken from stock.
 */
describe('checkout of product variants through the router on PostgreSQL, Kafka and Redis', () => {
  let shop: ServicesShop;
  let admin: Actor;
  let categoryId: string;

  beforeAll(async () => {
    ({ shop, admin, categoryId } = await openCheckoutShop());
  });
  afterAll(() => shop?.stop());

  it('a customer picks size M, orders it: CONFIRMED, M goes down by exactly 1, S and L unchanged', async () => {
    const shirt = await shirtInSizes(shop.client, admin, categoryId, 2900, { S: 4, M: 3, L: 2 });
    const m = shirt.sizes.M;
    const { shopper, cartId, cart } = await shopperWithVariant(shop.client, shop.routerUrl, m.id);
    expect(cart.items).toEqual([
      {
        id: expect.any(String),
        quantity: 1,
        sku: m.sku,
        variant: { id: m.id },
        optionValues: [{ option: 'Size', value: 'M' }],
        unitPrice: { amount: 2900, currency: 'EUR' },
      },
    ]);
    expect((await shop.client(CartQuoteDocument, {}, { token: shopper.token })).data!.cart.subtotal).toEqual({ amount: 2900, currency: 'EUR' });

    const orderId = await placeOrder(shop.client, shopper, cartId);
    expect((await orderWhen(shop.client, shopper, orderId, terminal)).status).toBe('CONFIRMED');
    const order = (await shop.client(OrderVariantLinesDocument, { id: orderId }, { token: shopper.token })).data!.order!;
    expect(order.lines).toEqual([
      { quantity: 1, sku: m.sku, variant: { id: m.id }, optionValues: [{ option: 'Size', value: 'M' }], unitPrice: { amount: 2900, currency: 'EUR' } },
    ]);
    expect(await stockBySize(shop.client, shirt.productId)).toEqual({ S: 4, M: 2, L: 2 });
    const ledger = (await shop.client(StockMovementsDocument, { productId: shirt.productId }, { token: admin.token })).data!.stockMovements;
    expect(ledger.edges.map((edge) => [edge.node.kind, edge.node.delta])).toEqual([
      ['SALE', -1],
      ['ADJUSTMENT', 2],
      ['ADJUSTMENT', 3],
      ['ADJUSTMENT', 4],
    ]);
  });

  it('an out-of-stock size is refused with a typed error and nothing is reserved', async () => {
    const shirt = await shirtInSizes(shop.client, admin, categoryId, 2900, { S: 2, M: 0, L: 1 });
    const { shopper, cartId } = await shopperWithVariant(shop.client, shop.routerUrl, shirt.sizes.M.id);
    const orderId = await placeOrder(shop.client, shopper, cartId);
    expect((await orderWhen(shop.client, shopper, orderId, terminal)).status).toBe('CANCELLED');
    const order = (await shop.client(OrderVariantLinesDocument, { id: orderId }, { token: shopper.token })).data!.order!;
    expect(order.cancellation).toEqual({ code: 'OUT_OF_STOCK', reason: expect.stringContaining('(M)') });
    expect(await stockBySize(shop.client, shirt.productId)).toEqual({ S: 2, M: 0, L: 1 });
    const ledger = (await shop.client(StockMovementsDocument, { productId: shirt.productId }, { token: admin.token })).data!.stockMovements;
    expect(ledger.edges.map((edge) => edge.node.kind)).toEqual(['ADJUSTMENT', 'ADJUSTMENT']);
    // A product with several sizes needs the size: VARIANT_REQUIRED, and the cart is unchanged.
    const other = await newCustomer(shop.routerUrl);
    const refused = (await shop.client(AddVariantToCartDocument, { productId: shirt.productId, quantity: 1 }, { token: other.token })).data!.addToCart;
    expect(refused.errors.map((error) => [error.code, error.field])).toEqual([['VARIANT_REQUIRED', 'variantId']]);
    expect(refused.cart.items).toEqual([]);
  });

  it('30 concurrent orders for the last unit of size L: exactly one CONFIRMED, while size S still sells', async () => {
    const shirt = await shirtInSizes(shop.client, admin, categoryId, 3100, { S: 5, M: 0, L: 1 });
    const lastL = await Promise.all(Array.from({ length: 30 }, () => shopperWithVariant(shop.client, shop.routerUrl, shirt.sizes.L.id)));
    const small = await shopperWithVariant(shop.client, shop.routerUrl, shirt.sizes.S.id);
    const orders = await Promise.all(
      [...lastL, small].map(async ({ shopper, cartId }) => ({ shopper, orderId: await placeOrder(shop.client, shopper, cartId) })),
    );
    const outcomes = await Promise.all(orders.map(async ({ shopper, orderId }) => (await orderWhen(shop.client, shopper, orderId, terminal, 180_000)).status));
    const forL = outcomes.slice(0, 30);
    expect(forL.filter((status) => status === 'CONFIRMED')).toHaveLength(1);
    expect(forL.filter((status) => status === 'CANCELLED')).toHaveLength(29);
    expect(outcomes[30]).toBe('CONFIRMED');
    expect(await stockBySize(shop.client, shirt.productId)).toEqual({ S: 4, M: 0, L: 0 });
  }, 300_000);
});
