import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgInsertValue, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Executor } from './database';

/** A table of admin-written rates listed by country, then creation: `id`, `seq`, `country`, `updatedAt` and its own columns. */
export type CountryRateTable = PgTable & { id: PgColumn; seq: PgColumn; country: PgColumn; updatedAt: PgColumn };

/** A position in the listing order (the `countryCursor` of @shop/subgraph-kit). */
export interface CountryRateKey {
  country: string;
  seq: number;
}

/**
 * The SQL every country rate table needs (tax rates, shipping rates): a keyset page by
 * (country, seq) with its count, the rates of some countries, lookups by id and the admin writes.
 * Every row is parsed at the boundary by `parseRow`; the subgraph's store extends this with its
 * own queries.
 */
export class CountryRateStore<T extends CountryRateTable, R extends CountryRateKey, F extends object> {
  constructor(
    protected readonly db: Executor,
    protected readonly table: T,
    private readonly columns: Record<string, PgColumn>,
    private readonly parseRow: (row: unknown) => R,
  ) {}

  protected parse(rows: unknown[]): R[] {
    return rows.map((row) => this.parseRow(row));
  }

  private select(db: Executor) {
    return db.select(this.columns).from(this.table as PgTable);
  }

  async page(country: string | null, after: CountryRateKey | null, limit: number): Promise<R[]> {
    const t = this.table;
    const filters: SQL[] = [];
    if (country) filters.push(eq(t.country, country));
    if (after) filters.push(sql`(${t.country}, ${t.seq}) > (${after.country}, ${after.seq})`);
    return this.parse(
      await this.select(this.db)
        .where(and(...filters))
        .orderBy(asc(t.country), asc(t.seq))
        .limit(limit),
    );
  }

  async count(country: string | null): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(this.table as PgTable)
      .where(country ? eq(this.table.country, country) : undefined);
    return row?.n ?? 0;
  }

  /** Every rate of these countries (a handful each), in creation order: what quotes choose from. */
  async forCountries(countries: readonly string[], db: Executor = this.db): Promise<R[]> {
    if (countries.length === 0) return [];
    return this.parse(
      await this.select(db)
        .where(inArray(this.table.country, [...countries]))
        .orderBy(asc(this.table.seq)),
    );
  }

  async findByIds(ids: readonly string[]): Promise<R[]> {
    if (ids.length === 0) return [];
    return this.parse(await this.select(this.db).where(inArray(this.table.id, [...ids])));
  }

  /** Null when a rate with the same unique key exists. */
  async insert(fields: F, db: Executor): Promise<R | null> {
    const rows = await db
      .insert(this.table)
      .values(fields as PgInsertValue<T>)
      .onConflictDoNothing()
      .returning(this.columns);
    return this.parse(rows)[0] ?? null;
  }

  /** Throws a unique violation (see isUniqueViolation) when the new key is taken. */
  async update(id: string, fields: F, db: Executor): Promise<R | null> {
    const rows = await db
      .update(this.table)
      .set({ ...fields, updatedAt: new Date() } as PgUpdateSetSource<T>)
      .where(eq(this.table.id, id))
      .returning(this.columns);
    return this.parse(rows)[0] ?? null;
  }

  async delete(id: string, db: Executor): Promise<R | null> {
    return this.parse(await db.delete(this.table).where(eq(this.table.id, id)).returning(this.columns))[0] ?? null;
  }
}
