import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import type { CategoriesTable } from './postgres-tables';
import { rowsOf } from './postgres-rows';

/** A category and every category below it, by depth then id (one recursive query). */
export async function selectDescendantIds(db: Executor, t: CategoriesTable, rootId: string): Promise<string[]> {
  // The depth bound only guards against a cycle written around this store.
  const result = await db.execute(sql`/* catalog.descendantIds */
    with recursive tree(id, depth) as (
      select id, 0 from ${t} where id = ${rootId}::uuid
      union all
      select c.id, tree.depth + 1 from ${t} as c join tree on c.parent_id = tree.id where tree.depth < 64
    )
    select distinct on (id) id::text as id, depth from tree order by id, depth`);
  const rows = z.array(z.object({ id: z.string(), depth: z.number() })).parse(rowsOf(result));
  return rows.sort((a, b) => a.depth - b.depth || (a.id < b.id ? -1 : 1)).map((row) => row.id);
}
