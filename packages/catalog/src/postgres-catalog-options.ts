import { z } from 'zod';
import type { Database } from '@shop/db';

export interface PostgresCatalogStoreOptions {
  /** A `@shop/db` database (PGlite or PostgreSQL). The store does not close it: its opener does. */
  db: Database;
  /**
   * Postgres schema holding the catalog tables, i.e. the schema whose migrations include
   * `catalogTables(...)`. The products subgraph owns the catalog, hence the default.
   * @default 'products'
   */
  schema?: string;
  /** Largest `first` accepted by `listProducts`, so one request cannot read the whole catalog. @default 100 */
  maxPageSize?: number;
  /** Source of `createdAt`/`updatedAt`; injectable so tests control ordering. @default () => new Date() */
  now?: () => Date;
}

const optionsSchema = z.object({
  db: z.custom<Database>((db) => typeof (db as Database | undefined)?.select === 'function', 'must be a @shop/db Database'),
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case Postgres identifier')
    .refine((s) => s !== 'public', 'must not be "public"')
    .default('products'),
  maxPageSize: z.number().int().min(1).max(10_000).default(100),
  now: z.custom<() => Date>((now) => typeof now === 'function', 'must be a function').default(() => () => new Date()),
});

/** The options with their defaults, or a TypeError naming every bad option. */
export function parseCatalogStoreOptions(options: PostgresCatalogStoreOptions): z.output<typeof optionsSchema> {
  const parsed = optionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    throw new TypeError(`PostgresCatalogStore: ${parsed.error.issues.map((i) => `option "${i.path.join('.')}" ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
