import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '@shop/db';
import type { Category, CategoryPatch, NewCategory } from './catalog-model';
import { inRequestedOrder, normalizeIds, parseCategoryPatch, parseNewCategory } from './catalog-input';
import { assertValidParent } from './category-parent';
import { selectDescendantIds } from './postgres-descendants';
import { parseCategories, rethrowConflict } from './postgres-rows';
import type { CatalogTables } from './postgres-tables';

/** The category half of the PostgreSQL catalog store: the tree's SQL, parents checked before writes. */
export class PostgresCategories {
  readonly #db: Executor;
  readonly #t: CatalogTables['categories'];

  constructor(db: Executor, table: CatalogTables['categories']) {
    this.#db = db;
    this.#t = table;
  }

  async create(input: NewCategory): Promise<Category> {
    const valid = parseNewCategory(input);
    if (valid.parentId !== null) await assertValidParent(valid.parentId, [valid.id], (id) => this.#exists(id));
    const t = this.#t;
    try {
      const rows = await this.#db.insert(t).values(valid).returning();
      return parseCategories(rows)[0]!;
    } catch (error) {
      rethrowConflict(error, 'category', valid);
    }
  }

  async update(id: string, patch: CategoryPatch): Promise<Category | null> {
    const valid = parseCategoryPatch(patch);
    const subtree = await this.descendantIds(id);
    const categoryId = subtree[0];
    if (categoryId === undefined) return null;
    if (valid.parentId != null) await assertValidParent(valid.parentId, subtree, (parentId) => this.#exists(parentId));
    if (Object.keys(valid).length === 0) return (await this.get([categoryId]))[0] ?? null;
    const t = this.#t;
    try {
      const rows = await this.#db.update(t).set(valid).where(eq(t.id, categoryId)).returning();
      return parseCategories(rows)[0] ?? null;
    } catch (error) {
      rethrowConflict(error, 'category', valid);
    }
  }

  async list(): Promise<Category[]> {
    const t = this.#t;
    const rows = await this.#db
      .select()
      .from(t)
      .orderBy(sql`${t.parentId} asc nulls first`, t.position, t.id);
    return parseCategories(rows);
  }

  async get(ids: readonly string[]): Promise<Category[]> {
    const wanted = normalizeIds(ids);
    if (wanted.length === 0) return [];
    const t = this.#t;
    const rows = await this.#db.select().from(t).where(inArray(t.id, wanted));
    return inRequestedOrder(wanted, parseCategories(rows));
  }

  async getBySlug(slug: string): Promise<Category | null> {
    const t = this.#t;
    const rows = await this.#db
      .select()
      .from(t)
      .where(eq(t.slug, String(slug)))
      .limit(1);
    return parseCategories(rows)[0] ?? null;
  }

  async descendantIds(categoryId: string): Promise<string[]> {
    const [rootId] = normalizeIds([categoryId]);
    return rootId === undefined ? [] : selectDescendantIds(this.#db, this.#t, rootId);
  }

  async #exists(id: string): Promise<boolean> {
    const t = this.#t;
    const rows = await this.#db.select({ id: t.id }).from(t).where(eq(t.id, id)).limit(1);
    return rows.length > 0;
  }
}
