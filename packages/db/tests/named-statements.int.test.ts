import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '@shop/testkit';
import { openDatabase, runMigrations, type DatabaseHandle, type Executor } from '../src';
import { counters } from './fixtures/schema';

const migrationsFolder = fileURLToPath(new URL('./fixtures/migrations', import.meta.url));

/** The named statements of the connection `tx` runs on (`pg_prepared_statements` is per session). */
async function preparedOn(tx: Executor): Promise<string[]> {
  const result = (await tx.execute(sql.raw('select statement from pg_prepared_statements order by prepare_time'))) as unknown as {
    rows: Array<{ statement: string }>;
  };
  return result.rows.map((row) => row.statement);
}

describe('named statements on postgres', () => {
  let testDb: TestDatabase;
  const handles: DatabaseHandle[] = [];
  const open = async (preparedStatements: number) => {
    const handle = await openDatabase({ driver: 'postgres', url: testDb.url, maxConnections: 1, preparedStatements });
    handles.push(handle);
    await runMigrations(handle, { schema: 'contract', migrationsFolder });
    return handle;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase('db_named');
  });
  afterAll(async () => {
    await Promise.all(handles.map((handle) => handle.close()));
    await testDb?.drop();
  });

  it('prepares each parameterised statement once per connection, in transactions too, up to the limit', async () => {
    // The first open of the database runs its migrations, which record themselves with one parameterised insert.
    const { db } = await open(3);
    await db.insert(counters).values({ id: 'n1', value: 1 });
    const prepared = await db.transaction(async (tx) => {
      for (const id of ['n1', 'n2', 'n1']) await tx.select().from(counters).where(eq(counters.id, id));
      await tx.update(counters).set({ value: 2 }).where(eq(counters.id, 'n1'));
      await tx.delete(counters).where(eq(counters.id, 'n9'));
      return preparedOn(tx);
    });
    expect(prepared).toEqual([
      'insert into "drizzle"."__migrations_contract" ("hash", "created_at") values($1, $2)',
      'insert into "contract"."counters" ("id", "value") values ($1, $2)',
      'select "id", "value" from "contract"."counters" where "contract"."counters"."id" = $1',
    ]);
    expect(await db.select().from(counters).where(eq(counters.id, 'n1'))).toEqual([{ id: 'n1', value: 2 }]);
  });

  it('leaves statements without parameters on the simple protocol (several in one text), and names none when turned off', async () => {
    const { db } = await open(0);
    await db.execute(sql.raw(`insert into contract.counters (id, value) values ('s1', 1); insert into contract.counters (id, value) values ('s2', 2)`));
    const prepared = await db.transaction(async (tx) => {
      await tx.select().from(counters).where(eq(counters.id, 's1'));
      return preparedOn(tx);
    });
    expect(prepared).toEqual([]);
    expect(
      await db
        .select({ id: counters.id })
        .from(counters)
        .where(sql`${counters.id} like 's%'`)
        .orderBy(counters.id),
    ).toEqual([{ id: 's1' }, { id: 's2' }]);
  });
});
