import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { runMigrations } from '@shop/db';
import { type MigrationTestDatabase, openMigrationTestDatabase, sqlBackends } from '@shop/testkit';
import { createOrders } from '../src';

/**
 * Nothing is lost moving to variants: a database written by the schema before variants (migrations
 * 0000-0004) with known products, open carts and placed orders is migrated; every known product then
 * has its default variant (its id, sku and price), every cart line holds it and every order line
 * names it with the sku, everything else as it was.
 */
const migrationsFolder = fileURLToPath(new URL('../src/db/migrations', import.meta.url));

const products = Array.from({ length: 12 }, (_, i) => ({
  id: `old-${i}-${randomUUID()}`,
  sku: `OLD-${i}`,
  name: `Old ${i}`,
  price: 100 * (i + 1),
  published: i % 5 !== 0,
}));
const carts = Array.from({ length: 4 }, () => ({ id: randomUUID(), userId: randomUUID() }));
const cartLines = carts.flatMap((cart, c) =>
  [products[c]!, products[c + 4]!].map((product, n) => ({ id: randomUUID(), cartId: cart.id, productId: product.id, quantity: 1 + n + c })),
);
const gone = `gone-${randomUUID()}`;
const oldLine = (productId: string, n: number) => ({
  lineId: randomUUID(),
  productId,
  productName: `Line ${n}`,
  categoryId: 'kitchen',
  quantity: n + 1,
  unitPrice: 250,
  discount: n === 0 ? 50 : null,
});
const orders = Array.from({ length: 3 }, (_, i) => ({
  id: randomUUID(),
  customerId: randomUUID(),
  lines: [oldLine(products[i]!.id, 0), oldLine(i === 2 ? gone : products[i + 6]!.id, 1)],
}));
const address = { name: 'Ada', line1: '1 Row', line2: null, city: 'London', region: null, postalCode: 'N1', country: 'GB' };

describe.each(sqlBackends)('orders variant migration on %s', (driver) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function open(): Promise<MigrationTestDatabase> {
    const database = await openMigrationTestDatabase(driver, 'orders_variants_migration');
    cleanups.push(() => database.close());
    return database;
  }

  it('gives every known product, cart line and order line the default variant', async () => {
    const database = await open();
    const { handle, rows } = database;
    const previous = database.migrationsUpTo(migrationsFolder, '0004_returns');
    await runMigrations(handle, { schema: 'orders', migrationsFolder: previous });
    for (const p of products) {
      await handle.db.execute(sql`insert into orders.known_products (product_id, sku, name, category_id, price_amount, price_currency, published)
        values (${p.id}, ${p.sku}, ${p.name}, 'kitchen', ${p.price}, 'EUR', ${p.published})`);
    }
    for (const c of carts) await handle.db.execute(sql`insert into orders.carts (id, user_id, currency) values (${c.id}, ${c.userId}, 'EUR')`);
    for (const l of cartLines)
      await handle.db.execute(
        sql`insert into orders.cart_items (id, cart_id, product_id, quantity) values (${l.id}, ${l.cartId}, ${l.productId}, ${l.quantity})`,
      );
    for (const o of orders) {
      await handle.db
        .execute(sql`insert into orders.orders (id, customer_id, cart_id, idempotency_key, status, currency, lines, shipping_address, payment_token, subtotal)
        values (${o.id}, ${o.customerId}, ${randomUUID()}, ${o.id}, 'CONFIRMED', 'EUR', ${JSON.stringify(o.lines)}::jsonb, ${JSON.stringify(address)}::jsonb, 'tok_visa', 1000)`);
    }
    const known = await rows(sql`select * from orders.known_products order by product_id`);
    const ordersBefore = await rows(sql`select * from orders.orders order by id`);

    await runMigrations(handle, { schema: 'orders', migrationsFolder });

    expect(await rows(sql`select * from orders.known_products order by product_id`)).toEqual(known);
    const variants = await rows(
      sql`select variant_id, product_id, sku, price_amount, price_currency, published, position, option_values from orders.known_variants order by variant_id`,
    );
    expect(variants).toEqual(
      [...products]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((p) => ({
          variant_id: p.id,
          product_id: p.id,
          sku: p.sku,
          price_amount: p.price,
          price_currency: 'EUR',
          published: true,
          position: 0,
          option_values: [],
        })),
    );
    const items = await rows(sql`select id, cart_id, product_id, variant_id, quantity from orders.cart_items order by id`);
    expect(items).toEqual(
      [...cartLines]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((l) => ({ id: l.id, cart_id: l.cartId, product_id: l.productId, variant_id: l.productId, quantity: l.quantity })),
    );
    const skuOf = (productId: string) => products.find((p) => p.id === productId)?.sku ?? null;
    const migrated = await rows(sql`select * from orders.orders order by id`);
    expect(migrated).toEqual(
      // 0006 (guests) adds a guest key and a contact e-mail: null for every order placed before.
      ordersBefore.map((row) => ({
        ...row,
        guest_key: null,
        contact_email: null,
        lines: (row.lines as Array<{ productId: string }>).map((line) => ({
          ...line,
          variantId: line.productId,
          sku: skuOf(line.productId),
          optionValues: [],
        })),
      })),
    );

    // The services read the migrated rows: each cart's lines at their default variant's price and sku.
    const app = createOrders(handle.db);
    const cart = await app.reader.openFor({ userId: carts[0]!.userId! });
    expect(cart.lines.map((line) => [line.productId, line.variantId, line.sku, line.priceAmount, line.quantity])).toEqual(
      cartLines
        .filter((l) => l.cartId === carts[0]!.id)
        .map((l) => [l.productId, l.productId, skuOf(l.productId), products.find((p) => p.id === l.productId)!.price, l.quantity]),
    );
  });
});
