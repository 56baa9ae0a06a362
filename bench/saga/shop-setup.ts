import { randomUUID } from 'node:crypto';
import type { graphqlClient } from '@shop/testkit';

type Client = ReturnType<typeof graphqlClient>;
export interface Shopper {
  token: string;
  cartId: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const address = { name: 'Bench Shopper', line1: '1 Load St', city: 'London', postalCode: 'E1 6AN', country: 'GB' };

async function must<T>(what: string, call: Promise<{ data?: T | null; errors?: unknown }>): Promise<T> {
  const result = await call;
  if (!result.data) throw new Error(`${what}: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** An admin opens the shop: GB shipping and VAT, `count` products with ample stock, known everywhere. */
export async function openBenchShop(client: Client, admin: { email: string; password: string }, count: number) {
  const login = await must(
    'login',
    client<{ login: { session: { accessToken: string } } }, unknown>(`mutation($i: LoginInput!) { login(input: $i) { session { accessToken } } }`, {
      i: admin,
    }),
  );
  const as = { token: login.login.session.accessToken };
  const category = await must(
    'category',
    client<{ createCategory: { category: { id: string } } }, unknown>(
      `mutation($i: CreateCategoryInput!) { createCategory(input: $i) { category { id } } }`,
      { i: { slug: `bench-${randomUUID()}`, name: 'Bench' } },
      as,
    ),
  );
  await must(
    'rate',
    client(
      `mutation($i: ShippingRateInput!) { createShippingRate(input: $i) { errors { code } } }`,
      { i: { country: 'GB', carrier: 'DHL', name: 'DHL Parcel', price: { amount: 499, currency: 'EUR' }, estimatedDays: 2 } },
      as,
    ),
  );
  await must(
    'tax',
    client(`mutation($i: TaxRateInput!) { createTaxRate(input: $i) { errors { code } } }`, { i: { country: 'GB', rateBasisPoints: 2000, name: 'VAT' } }, as),
  );
  const products: string[] = [];
  for (let i = 0; i < count; i++) {
    const suffix = randomUUID().slice(0, 8);
    const input = {
      sku: `B-${suffix}`,
      slug: `b-${suffix}`,
      name: `Bench ${i}`,
      price: { amount: 1000 + i, currency: 'EUR' },
      categoryId: category.createCategory.category.id,
      published: true,
    };
    const created = await must(
      'product',
      client<{ createProduct: { product: { id: string } } }, unknown>(
        `mutation($i: CreateProductInput!) { createProduct(input: $i) { product { id } } }`,
        { i: input },
        as,
      ),
    );
    products.push(created.createProduct.product.id);
  }
  for (const productId of products) {
    for (;;) {
      const adjusted = await must(
        'stock',
        client<{ adjustStock: { errors: Array<{ code: string }> } }, unknown>(
          `mutation($i: AdjustStockInput!) { adjustStock(input: $i) { errors { code } } }`,
          { i: { productId, delta: 1_000_000, idempotencyKey: `bench-${productId}` } },
          as,
        ),
      );
      if (adjusted.adjustStock.errors.length === 0) break;
      await sleep(50);
    }
  }
  return products;
}

export async function registerShoppers(client: Client, count: number): Promise<Shopper[]> {
  const shoppers: Shopper[] = [];
  for (let i = 0; i < count; i++) {
    const input = { email: `bench.${randomUUID()}@example.com`, password: 'correct-horse-battery-9', name: 'Bench' };
    const registered = await must(
      'register',
      client<{ register: { session: { accessToken: string } } }, unknown>(`mutation($i: RegisterInput!) { register(input: $i) { session { accessToken } } }`, {
        i: input,
      }),
    );
    shoppers.push({ token: registered.register.session.accessToken, cartId: null });
  }
  return shoppers;
}

/** Fills the shopper's (new) cart with one product and the address; retried until orders knows the product. */
export async function fillCart(client: Client, shopper: Shopper, productId: string): Promise<void> {
  const as = { token: shopper.token };
  for (;;) {
    const added = await must(
      'add',
      client<{ addToCart: { cart: { id: string }; errors: Array<{ code: string }> } }, unknown>(
        `mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { cart { id } errors { code } } }`,
        { p: productId },
        as,
      ),
    );
    if (added.addToCart.errors.length === 0) {
      shopper.cartId = added.addToCart.cart.id;
      break;
    }
    await sleep(50);
  }
  await must('address', client(`mutation($i: CartAddressInput!) { setShippingAddress(input: $i) { errors { code } } }`, { i: address }, as));
}

export async function placeOrder(client: Client, shopper: Shopper): Promise<string> {
  const placed = await must(
    'place',
    client<{ placeOrder: { order: { id: string } | null; errors: unknown[] } }, unknown>(
      `mutation($c: ID!, $k: String!) { placeOrder(cartId: $c, idempotencyKey: $k, paymentToken: "tok_visa") { order { id } errors { code } } }`,
      { c: shopper.cartId, k: randomUUID() },
      { token: shopper.token },
    ),
  );
  if (!placed.placeOrder.order) throw new Error(`placeOrder refused: ${JSON.stringify(placed.placeOrder.errors)}`);
  shopper.cartId = null;
  return placed.placeOrder.order.id;
}
