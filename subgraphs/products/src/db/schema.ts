import { pgSchema } from 'drizzle-orm/pg-core';
import { catalogTables } from '@shop/catalog';
import { outboxTables } from '@shop/events';

export const productsSchema = pgSchema('products');

/**
 * The catalog in PostgreSQL JSONB (embedded mode). Services mode keeps the catalog in MongoDB and
 * leaves these tables empty; the migrations are the same either way.
 */
export const { products, categories, variantKeys } = catalogTables(productsSchema);

/** Product events leave in the same transaction as the catalog write that caused them. */
export const { outbox, outboxLease, inbox } = outboxTables(productsSchema);
