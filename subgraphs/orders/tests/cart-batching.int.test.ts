import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, runMigrations, type DatabaseHandle } from '@shop/db';
import { createLogger, type SubgraphContext } from '@shop/subgraph-kit';
import { createTestDatabase, sqlBackends, type TestDatabase } from '@shop/testkit';
import { createOrders, ordersModule, type Orders } from '../src';

/** Counts the statements a batch of Cart references costs, on the stores the subgraph runs. */
describe.each(sqlBackends)('Cart references on %s', (backend) => {
  const statements: string[] = [];
  let testDb: TestDatabase | null = null;
  let database: DatabaseHandle;
  let orders: Orders;

  beforeAll(async () => {
    const onQuery = (sql: string) => statements.push(sql);
    testDb = backend === 'postgres' ? await createTestDatabase('orders') : null;
    database = testDb ? await openDatabase({ driver: 'postgres', url: testDb.url, onQuery }) : await openDatabase({ driver: 'pglite', onQuery });
    await runMigrations(database, ordersModule.migrations);
    orders = createOrders(database.db);
  });
  afterAll(async () => {
    await database.close();
    await testDb?.drop();
  });

  it('loads a whole batch with one query for carts and one for their lines', async () => {
    const productId = `prod-${randomUUID()}`;
    await orders.stores.products.upsert(
      { productId, sku: productId, name: 'Mug', categoryId: 'kitchen', priceAmount: 900, priceCurrency: 'EUR', published: true },
      database.db,
    );
    await orders.stores.variants.replaceForProduct(
      productId,
      [{ variantId: productId, productId, sku: productId, priceAmount: 900, priceCurrency: 'EUR', published: true, position: 0, optionValues: [] }],
      database.db,
    );
    const owners = [randomUUID(), randomUUID(), randomUUID()];
    for (const owner of owners) await orders.carts.addToCart({ userId: owner }, { productId }, 1);
    const ids = await Promise.all(owners.map(async (owner) => (await orders.reader.openFor({ userId: owner })).id));
    const context: SubgraphContext = { viewer: { userId: randomUUID(), roles: ['admin'] }, requestId: 'r', logger: createLogger('t', 'silent') };
    statements.length = 0;
    const carts = await Promise.all([...ids, randomUUID()].map((id) => orders.reader.byReference(context, id)));
    expect(carts.map((cart) => cart?.userId ?? null)).toEqual([...owners, null]);
    expect(carts.map((cart) => cart?.lines.map((line) => line.quantity) ?? null)).toEqual([[1], [1], [1], null]);
    expect(statements).toHaveLength(2);
  });
});
