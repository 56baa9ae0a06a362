import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { runMigrations } from '@shop/db';
import { type MigrationTestDatabase, openMigrationTestDatabase, sqlBackends } from '@shop/testkit';
import { createInventory } from '../src';

/**
 * Nothing is lost moving to stock per variant: a database written by the schema before variants
 * (migration 0000) with stock rows, reservations in every status and a ledger is migrated, and
 * every row is then the same row of the product's default variant (whose id is the product's).
 */
const migrationsFolder = fileURLToPath(new URL('../src/db/migrations', import.meta.url));
const PRODUCTS = 30;

const products = Array.from({ length: PRODUCTS }, (_, i) => ({ id: `old-${i}-${randomUUID()}`, onHand: 10 + i, reserved: 0 }));
const statuses = ['active', 'committed', 'released', 'expired', 'restocked'] as const;
const reservations = Array.from({ length: 10 }, (_, i) => ({ id: randomUUID(), orderId: `order-${i}`, status: statuses[i % statuses.length]! }));
const items = reservations.flatMap((reservation, i) =>
  [products[i]!, products[i + 10]!].map((product, n) => ({ reservationId: reservation.id, productId: product.id, quantity: 1 + n })),
);
// What active reservations hold is reserved, as the previous schema kept it.
for (const item of items) {
  if (reservations.find((r) => r.id === item.reservationId)!.status === 'active') products.find((p) => p.id === item.productId)!.reserved += item.quantity;
}
const movements = products.flatMap((product, i) => [
  {
    id: randomUUID(),
    productId: product.id,
    kind: 'adjustment',
    delta: product.onHand,
    onHandAfter: product.onHand,
    reason: `delivery ${i}`,
    actorId: randomUUID(),
    idempotencyKey: `key-${i}`,
  },
  {
    id: randomUUID(),
    productId: product.id,
    kind: 'sale',
    delta: -1,
    onHandAfter: product.onHand - 1,
    reason: `order ${i}`,
    actorId: null,
    idempotencyKey: null,
  },
]);

const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => (String(a.id ?? a.product_id) < String(b.id ?? b.product_id) ? -1 : 1);

describe.each(sqlBackends)('stock-per-variant migration on %s', (driver) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function open(): Promise<MigrationTestDatabase> {
    const database = await openMigrationTestDatabase(driver, 'inventory_variants_migration');
    cleanups.push(() => database.close());
    return database;
  }

  it('moves every stock row, reservation item and ledger entry to the default variant', async () => {
    const database = await open();
    const { handle, rows } = database;
    const previous = database.migrationsUpTo(migrationsFolder, '0000_init');
    await runMigrations(handle, { schema: 'inventory', migrationsFolder: previous });
    for (const p of products)
      await handle.db.execute(sql`insert into inventory.stock_levels (product_id, on_hand, reserved) values (${p.id}, ${p.onHand}, ${p.reserved})`);
    for (const r of reservations) {
      await handle.db.execute(
        sql`insert into inventory.reservations (id, order_id, status, expires_at) values (${r.id}, ${r.orderId}, ${r.status}, now() + interval '1 hour')`,
      );
    }
    for (const item of items) {
      await handle.db.execute(
        sql`insert into inventory.reservation_items (reservation_id, product_id, quantity) values (${item.reservationId}, ${item.productId}, ${item.quantity})`,
      );
    }
    for (const m of movements) {
      await handle.db.execute(sql`insert into inventory.stock_movements (id, product_id, kind, delta, on_hand_after, reason, actor_id, idempotency_key)
        values (${m.id}, ${m.productId}, ${m.kind}, ${m.delta}, ${m.onHandAfter}, ${m.reason}, ${m.actorId}, ${m.idempotencyKey})`);
    }
    const before = {
      levels: await rows(sql`select product_id, on_hand, reserved, updated_at from inventory.stock_levels`),
      reservations: await rows(sql`select * from inventory.reservations`),
      movements: await rows(sql`select * from inventory.stock_movements`),
    };

    await runMigrations(handle, { schema: 'inventory', migrationsFolder });

    const levels = await rows(sql`select variant_id, product_id, on_hand, reserved, updated_at from inventory.stock_levels`);
    expect(levels.sort(byId)).toEqual(before.levels.map((row) => ({ ...row, variant_id: row.product_id })).sort(byId));
    expect((await rows(sql`select * from inventory.reservations`)).sort(byId)).toEqual(before.reservations.sort(byId));
    const migratedItems = await rows(
      sql`select reservation_id, variant_id, product_id, quantity from inventory.reservation_items order by reservation_id, product_id`,
    );
    expect(migratedItems).toEqual(
      [...items]
        .sort((a, b) => (a.reservationId + a.productId < b.reservationId + b.productId ? -1 : 1))
        .map((item) => ({ reservation_id: item.reservationId, variant_id: item.productId, product_id: item.productId, quantity: item.quantity })),
    );
    expect((await rows(sql`select * from inventory.stock_movements`)).sort(byId)).toEqual(
      before.movements.map((row) => ({ ...row, variant_id: row.product_id })).sort(byId),
    );

    // The services read the migrated rows as the default variants' stock.
    const inventory = createInventory(handle.db);
    const [first] = products;
    expect(await inventory.stores.stock.totalsByProducts([first!.id])).toEqual([
      { productId: first!.id, stock: first!.onHand - first!.reserved, inStock: true },
    ]);
    const active = reservations[0]!;
    expect((await inventory.reservations.release(active.id)).reservation?.items).toEqual(
      items
        .filter((item) => item.reservationId === active.id)
        .map((item) => ({ productId: item.productId, variantId: item.productId, quantity: item.quantity }))
        .sort((a, b) => (a.variantId < b.variantId ? -1 : 1)),
    );
    expect((await inventory.stores.movements.page({ variantId: first!.id }, null, 10)).map((m) => m.delta)).toEqual([-1, first!.onHand]);
  });
});
