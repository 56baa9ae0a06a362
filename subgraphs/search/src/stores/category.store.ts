import { inArray, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '@shop/db';
import { categories } from '../db/schema';
import type { CategorySnapshot } from '@shop/events';

export interface KnownCategory {
  categoryId: string;
  slug: string;
}

/** The catalog's categories as `category.changed` reports them; an older event changes nothing. */
export class CategoryStore {
  async upsert(tx: Executor, category: CategorySnapshot, occurredAt: Date): Promise<void> {
    await tx.execute(sql`insert into search.categories as c (category_id, slug, name, parent_id, changed_at)
      values (${category.categoryId}, ${category.slug}, ${category.name}, ${category.parentId}, ${occurredAt.toISOString()})
      on conflict (category_id) do update set slug = excluded.slug, name = excluded.name, parent_id = excluded.parent_id,
        changed_at = excluded.changed_at
      where c.changed_at <= excluded.changed_at`); // categories.upsert
  }

  /** The known categories among these ids and slugs (one statement). */
  async find(db: Database, ids: readonly string[], slugs: readonly string[]): Promise<KnownCategory[]> {
    const named = [ids.length > 0 ? inArray(categories.categoryId, [...ids]) : undefined, slugs.length > 0 ? inArray(categories.slug, [...slugs]) : undefined];
    return db.select({ categoryId: categories.categoryId, slug: categories.slug }).from(categories).where(or(...named)); // categories.find
  }
}
