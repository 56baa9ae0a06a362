import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { ProductSort } from './catalog-model';
import type { ValidListArgs } from './catalog-input';
import type { CursorPosition } from './product-cursor';
import type { ProductsTable } from './postgres-tables';

/** The SQL pieces of `listProducts` for the PostgreSQL adapter. */
interface SortSpec {
  key: SQL;
  descending: boolean;
}

function sortSpec(t: ProductsTable, sort: ProductSort): SortSpec {
  switch (sort) {
    case 'NEWEST':
      return { key: sql`${t.createdAt}`, descending: true };
    case 'PRICE_ASC':
      return { key: sql`${t.priceAmount}`, descending: false };
    case 'PRICE_DESC':
      return { key: sql`${t.priceAmount}`, descending: true };
    case 'NAME_ASC':
      // Byte order of UTF-8 = code point order = what MongoDB and FerretDB compare by.
      return { key: sql`${t.nameKey} COLLATE "C"`, descending: false };
  }
}

/** Filter conditions; `undefined` entries are dropped by `and`. */
export function filterConditions(t: ProductsTable, filter: ValidListArgs['filter']): SQL | undefined {
  return and(
    filter.categoryIds ? inArray(t.categoryId, filter.categoryIds) : undefined,
    filter.ids ? inArray(t.id, filter.ids) : undefined,
    filter.minPrice !== undefined ? gte(t.priceAmount, filter.minPrice) : undefined,
    filter.maxPrice !== undefined ? lte(t.priceAmount, filter.maxPrice) : undefined,
    filter.currency !== undefined ? eq(t.priceCurrency, filter.currency) : undefined,
    filter.published !== undefined ? eq(t.published, filter.published) : undefined,
  );
}

function cursorValue(position: CursorPosition): SQL {
  if (position.sort === 'NEWEST') return sql`${new Date(position.key as number).toISOString()}::timestamptz`;
  if (position.sort === 'NAME_ASC') return sql`${position.key}::text`;
  return sql`${position.key}::integer`;
}

/** Rows strictly after the cursor: a row comparison on (sort key, id), which the indexes serve. */
export function afterCursor(t: ProductsTable, position: CursorPosition): SQL {
  const { key, descending } = sortSpec(t, position.sort);
  const operator = sql.raw(descending ? '<' : '>');
  return sql`(${key}, ${t.id}) ${operator} (${cursorValue(position)}, ${position.id}::uuid)`;
}

export function orderBy(t: ProductsTable, sort: ProductSort): SQL[] {
  const { key, descending } = sortSpec(t, sort);
  return descending ? [desc(key), desc(t.id)] : [asc(key), asc(t.id)];
}
