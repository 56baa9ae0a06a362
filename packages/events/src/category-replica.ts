import { inArray, or, sql } from 'drizzle-orm';
import { index, text, timestamp, type PgSchema } from 'drizzle-orm/pg-core';
import type { Executor } from '@shop/db';
import type { CategorySnapshot } from './contracts/products';

/**
 * A subgraph's copy of the catalog's categories, kept from `category.changed`, so it can check the
 * categories an input names. Spread into the subgraph's drizzle schema like the outbox:
 *
 *   export const categories = categoryReplicaTable(searchSchema);
 *
 * Slugs are not unique here: a slug moved from one category to another may arrive in either order.
 */
export function categoryReplicaTable(schema: PgSchema) {
  return schema.table(
    'categories',
    {
      categoryId: text('category_id').primaryKey(),
      slug: text('slug').notNull(),
      name: text('name').notNull(),
      parentId: text('parent_id'),
      changedAt: timestamp('changed_at', { withTimezone: true, precision: 3 }).notNull(),
    },
    (t) => [index('categories_slug_idx').on(t.slug)],
  );
}

export type CategoryReplicaTable = ReturnType<typeof categoryReplicaTable>;

export interface KnownCategory {
  categoryId: string;
  slug: string;
}

/** Reads and writes a `categoryReplicaTable`; an older `category.changed` changes nothing. */
export class CategoryReplica {
  constructor(private readonly table: CategoryReplicaTable) {}

  async upsert(tx: Executor, category: CategorySnapshot, occurredAt: Date): Promise<void> {
    const t = this.table;
    const values = { slug: category.slug, name: category.name, parentId: category.parentId, changedAt: occurredAt };
    await tx
      .insert(t)
      .values({ categoryId: category.categoryId, ...values })
      .onConflictDoUpdate({ target: t.categoryId, set: values, setWhere: sql`${t.changedAt} <= excluded.changed_at` });
  }

  /** The known categories among these ids and slugs (one statement). */
  async find(db: Executor, ids: readonly string[], slugs: readonly string[]): Promise<KnownCategory[]> {
    const t = this.table;
    const named = [ids.length > 0 ? inArray(t.categoryId, [...ids]) : undefined, slugs.length > 0 ? inArray(t.slug, [...slugs]) : undefined];
    if (!named.some(Boolean)) return [];
    return db
      .select({ categoryId: t.categoryId, slug: t.slug })
      .from(t)
      .where(or(...named));
  }

  /**
   * The ids these ids and slugs name, sorted; or which of them are unknown. One statement, none
   * when both lists are empty.
   */
  async resolve(db: Executor, ids: readonly string[], slugs: readonly string[]): Promise<{ ids: string[] } | { unknownIds: string[]; unknownSlugs: string[] }> {
    if (ids.length === 0 && slugs.length === 0) return { ids: [] };
    const known = await this.find(db, ids, slugs);
    const unknownIds = ids.filter((id) => !known.some((category) => category.categoryId === id));
    const unknownSlugs = slugs.filter((slug) => !known.some((category) => category.slug === slug));
    if (unknownIds.length > 0 || unknownSlugs.length > 0) return { unknownIds, unknownSlugs };
    const bySlug = known.filter((category) => slugs.includes(category.slug)).map((category) => category.categoryId);
    return { ids: [...new Set([...ids, ...bySlug])].sort() };
  }

  /** These categories and every category below them, sorted: one statement per level of the tree. */
  async withDescendants(db: Executor, ids: readonly string[]): Promise<string[]> {
    const t = this.table;
    const all = new Set(ids);
    let level = [...all];
    while (level.length > 0) {
      const children = await db.select({ categoryId: t.categoryId }).from(t).where(inArray(t.parentId, level));
      level = children.map((child) => child.categoryId).filter((id) => !all.has(id));
      for (const id of level) all.add(id);
    }
    return [...all].sort();
  }
}
