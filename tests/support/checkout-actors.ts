import { randomUUID } from 'node:crypto';
import { print, type ExecutionResult } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { graphqlClient } from '@shop/testkit';
import {
  AddToCartDocument,
  AdjustStockDocument,
  ApplyCouponCodeDocument,
  CartQuoteDocument,
  CreateCategoryDocument,
  CreateProductDocument,
  CreateShippingRateDocument,
  CreateTaxRateDocument,
  OrderDetailsDocument,
  OrderStatusChangedDocument,
  PlaceOrderDocument,
  ProductStockDocument,
  SetShippingAddressDocument,
  SetShippingMethodDocument,
  type OrderStatusChangedSubscription,
} from '../__generated__/graphql';
import { startServicesShop, type ServicesShop } from '../../scripts/services-shop';
import { newCustomer, signInAdmin, whenCouponKnown, whenKnown, type Actor } from './shop-actors';

type Client = ReturnType<typeof graphqlClient>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const address = { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };

/** What an admin sets up once: a category, GB shipping (DHL 4.99) and GB VAT 20 %. */
export async function openShop(client: Client, admin: Actor) {
  const as = { token: admin.token };
  const category = await client(CreateCategoryDocument, { input: { slug: `checkout-${randomUUID()}`, name: 'Checkout' } }, as);
  const categoryId = category.data!.createCategory.category!.id;
  const rate = await client(
    CreateShippingRateDocument,
    { input: { country: 'GB', carrier: 'DHL', name: 'DHL Parcel', price: { amount: 499, currency: 'EUR' }, estimatedDays: 2 } },
    as,
  );
  if (rate.data?.createShippingRate.errors.length !== 0) throw new Error(JSON.stringify(rate));
  const tax = await client(CreateTaxRateDocument, { input: { country: 'GB', rateBasisPoints: 2000, name: 'VAT' } }, as);
  if (tax.data?.createTaxRate.errors.length !== 0) throw new Error(JSON.stringify(tax));
  return { categoryId };
}

/** A services-mode shop (real servers) opened for checkout: its admin signed in, `openShop` done. The caller stops it. */
export async function openCheckoutShop(): Promise<{ shop: ServicesShop; admin: Actor; categoryId: string }> {
  const shop = await startServicesShop();
  const admin = await signInAdmin(shop.routerUrl, shop.admin);
  const { categoryId } = await openShop(shop.client, admin);
  return { shop, admin, categoryId };
}

/** A published product with `stock` units on hand, known to every subgraph that needs it. */
export async function stockedProduct(client: Client, admin: Actor, categoryId: string, price: number, stock: number): Promise<string> {
  const as = { token: admin.token };
  const suffix = randomUUID().slice(0, 8);
  const created = await client(
    CreateProductDocument,
    { input: { sku: `CO-${suffix}`, slug: `co-${suffix}`, name: `Item ${suffix}`, price: { amount: price, currency: 'EUR' }, categoryId, published: true } },
    as,
  );
  const id = created.data!.createProduct.product!.id;
  if (stock > 0) {
    const adjusted = await whenKnown(
      async () => (await client(AdjustStockDocument, { input: { productId: id, delta: stock, idempotencyKey: `co-${id}` } }, as)).data?.adjustStock,
    );
    if (adjusted.errors.length > 0) throw new Error(`adjustStock refused: ${JSON.stringify(adjusted.errors)}`);
  }
  // Every subgraph the saga needs must know the product before anyone orders it: stock as the router shows it.
  const deadline = Date.now() + 30_000;
  while ((await stockOf(client, id)) !== stock) {
    if (Date.now() > deadline) throw new Error(`product ${id} never showed stock ${stock} (last: ${await stockOf(client, id)})`);
    await sleep(100);
  }
  return id;
}

/** A new customer whose cart holds `lines` and ships to GB, optionally with a coupon. */
export async function shopperWithCart(client: Client, routerUrl: string, lines: Array<[productId: string, quantity: number]>, coupon?: string) {
  const shopper = await newCustomer(routerUrl);
  const as = { token: shopper.token };
  let cartId = '';
  for (const [productId, quantity] of lines) {
    const added = await whenKnown(async () => (await client(AddToCartDocument, { productId, quantity }, as)).data?.addToCart);
    if (added.errors.length > 0) throw new Error(JSON.stringify(added.errors));
    cartId = added.cart.id;
  }
  await client(SetShippingAddressDocument, { input: address }, as);
  if (coupon) {
    const applied = await whenCouponKnown(async () => (await client(ApplyCouponCodeDocument, { code: coupon }, as)).data?.applyCouponCode);
    if (applied.errors.length > 0) throw new Error(`applyCouponCode refused: ${JSON.stringify(applied.errors)}`);
  }
  return { shopper, cartId, quote: async () => (await client(CartQuoteDocument, {}, as)).data!.cart };
}

/**
 * Chooses a shipping option for the cart once orders has heard of it (orders keeps the options from
 * shipping's events, so a rate created a moment ago may still be SHIPPING_METHOD_UNAVAILABLE); bounded.
 */
export async function chooseShipping(client: Client, shopper: Actor, cartId: string, optionId: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const chosen = (await client(SetShippingMethodDocument, { cartId, optionId }, { token: shopper.token })).data?.setShippingMethod;
    if (chosen?.errors.length === 0) return chosen;
    if (chosen?.errors[0]?.code !== 'SHIPPING_METHOD_UNAVAILABLE' || Date.now() > deadline)
      throw new Error(`setShippingMethod refused: ${JSON.stringify(chosen)}`);
    await sleep(100);
  }
}

export async function placeOrder(client: Client, shopper: Actor, cartId: string, paymentToken = 'tok_visa', idempotencyKey: string = randomUUID()) {
  const placed = await client(PlaceOrderDocument, { cartId, idempotencyKey, paymentToken }, { token: shopper.token });
  const payload = placed.data?.placeOrder;
  if (!payload?.order) throw new Error(JSON.stringify(placed));
  return payload.order.id;
}

/** Polls the order (5 times a second: well inside the router's rate limit) until its status is one of `statuses`; bounded. */
export async function orderWhen(client: Client, actor: Actor, orderId: string, statuses: string[], timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const order = (await client(OrderDetailsDocument, { id: orderId }, { token: actor.token })).data?.order;
    if (order && statuses.includes(order.status)) return order;
    if (Date.now() > deadline) throw new Error(`order ${orderId} is ${order?.status}, not ${statuses.join('/')}`);
    await sleep(200);
  }
}

export async function stockOf(client: Client, productId: string): Promise<number | null | undefined> {
  return (await client(ProductStockDocument, { id: productId })).data?.product?.stock;
}

/**
 * Subscribes to `orderStatusChanged` through the router over graphql-ws and records every event;
 * `cartToken` is a guest's (sent as the `x-cart-token` connection parameter).
 */
export function watchOrder(routerUrl: string, actor: Actor | null, orderId: string, cartToken?: string) {
  const client = createClient({
    url: routerUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { ...(actor ? { authorization: `Bearer ${actor.token}` } : {}), ...(cartToken ? { 'x-cart-token': cartToken } : {}) },
    retryAttempts: 0,
  });
  const seen = { events: [] as Array<ExecutionResult<OrderStatusChangedSubscription>>, error: undefined as unknown, completed: false };
  client.subscribe(
    { query: print(OrderStatusChangedDocument), variables: { orderId } },
    {
      next: (event) => void seen.events.push(event as ExecutionResult<OrderStatusChangedSubscription>),
      error: (error) => void (seen.error = error),
      complete: () => void (seen.completed = true),
    },
  );
  return { seen, dispose: () => client.dispose() };
}
