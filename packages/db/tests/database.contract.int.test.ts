import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '@shop/testkit';
import { openDatabase, runMigrations, transactor, type DatabaseHandle } from '../src';
import { counters } from './fixtures/schema';

const migrationsFolder = fileURLToPath(new URL('./fixtures/migrations', import.meta.url));

/** ONE suite, every driver: embedded PGlite and a real PostgreSQL server. */
const drivers: Array<[string, () => Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }>]> = [
  ['pglite', async () => ({ handle: await openDatabase({ driver: 'pglite' }), cleanup: async () => undefined })],
  [
    'postgres',
    async () => {
      const testDb: TestDatabase = await createTestDatabase('db');
      const handle = await openDatabase({ driver: 'postgres', url: testDb.url, maxConnections: 20 });
      return { handle, cleanup: () => testDb.drop() };
    },
  ],
];

describe.each(drivers)('database contract on %s', (_name, open) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await runMigrations(handle, { schema: 'contract', migrationsFolder });
  });
  afterAll(async () => {
    await handle.close();
    await cleanup();
  });

  it('answers a ping', async () => {
    await expect(handle.ping()).resolves.toBeUndefined();
  });

  it('re-running migrations is a no-op', async () => {
    await runMigrations(handle, { schema: 'contract', migrationsFolder });
    const result = (await handle.db.execute(sql`select count(*)::int as n from drizzle.__migrations_contract`)) as unknown as {
      rows: unknown[];
    };
    expect(result.rows).toEqual([{ n: 1 }]);
  });

  it('writes and reads rows through drizzle', async () => {
    await handle.db.insert(counters).values({ id: 'a', value: 3 });
    expect(await handle.db.select().from(counters).where(eq(counters.id, 'a'))).toEqual([{ id: 'a', value: 3 }]);
  });

  it('rolls back a failed transaction entirely', async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(counters).values({ id: 'b', value: 1 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await handle.db.select().from(counters).where(eq(counters.id, 'b'))).toEqual([]);
  });

  it('transactor runs afterCommit once the work commits, never after a rollback', async () => {
    const commits: string[] = [];
    const transact = transactor(handle.db, () => commits.push('woken'));
    expect(await transact(async (tx) => (await tx.insert(counters).values({ id: 't1', value: 1 }).returning())[0]?.id)).toBe('t1');
    expect(commits).toEqual(['woken']);
    await expect(
      transact(async (tx) => {
        await tx.insert(counters).values({ id: 't2', value: 1 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(commits).toEqual(['woken']);
    expect(await handle.db.select().from(counters).where(eq(counters.id, 't2'))).toEqual([]);
  });

  it('transactor over a transaction makes each call a savepoint of it', async () => {
    await handle.db.transaction(async (outer) => {
      const inner = transactor(outer);
      await inner((tx) => tx.insert(counters).values({ id: 's1', value: 1 }));
      await expect(
        inner(async (tx) => {
          await tx.insert(counters).values({ id: 's2', value: 1 });
          throw new Error('undo the savepoint');
        }),
      ).rejects.toThrow('undo the savepoint');
    });
    expect(
      await handle.db
        .select({ id: counters.id })
        .from(counters)
        .where(inArray(counters.id, ['s1', 's2'])),
    ).toEqual([{ id: 's1' }]);
  });

  it('a conditional decrement never goes below zero under concurrency', async () => {
    await handle.db.insert(counters).values({ id: 'stock', value: 5 });
    const attempts = await Promise.all(
      Array.from({ length: 20 }, () =>
        handle.db
          .update(counters)
          .set({ value: sql`${counters.value} - 1` })
          .where(and(eq(counters.id, 'stock'), gte(counters.value, 1)))
          .returning({ value: counters.value }),
      ),
    );
    expect(attempts.filter((rows) => rows.length === 1)).toHaveLength(5);
    expect(await handle.db.select().from(counters).where(eq(counters.id, 'stock'))).toEqual([{ id: 'stock', value: 0 }]);
  });
});
