import type { Collection, Document, Filter } from 'mongodb';
import { CatalogConflictError } from './catalog-errors';

type Field = 'id' | 'sku' | 'slug';

/**
 * 11000 is MongoDB's duplicate key error. FerretDB 1.24 answers an insert with 11000 but an update
 * (findAndModify) with code 1 "InternalError ... UNIQUE constraint failed: index ..." from SQLite.
 */
const isDuplicateKey = (error: unknown): error is { code: number; keyPattern?: unknown } => {
  if (!(error instanceof Object)) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 11000 || (code === 1 && typeof message === 'string' && message.includes('UNIQUE constraint failed'));
};

/**
 * Turns a duplicate key error into `CatalogConflictError`. MongoDB names the index in
 * `keyPattern`; FerretDB 1.24 does not ("E11000 duplicate key error collection: db.products" and
 * nothing more), so then the candidates are checked one by one for the value that is taken.
 * Anything else is rethrown untouched.
 */
export async function rethrowDuplicateKey<T extends Document & { _id: string }>(
  error: unknown,
  entity: 'product' | 'category',
  collection: Collection<T>,
  candidates: Partial<Record<Field, string>>,
  selfId?: string,
): Promise<never> {
  if (!isDuplicateKey(error)) throw error;
  const reported = error.keyPattern instanceof Object ? Object.keys(error.keyPattern)[0] : undefined;
  const fromServer = reported === '_id' ? 'id' : reported;
  let field = Object.keys(candidates).find((name) => name === fromServer) as Field | undefined;
  for (const [name, value] of Object.entries(candidates) as Array<[Field, string]>) {
    if (field) break;
    const key = name === 'id' ? '_id' : name;
    const taken = { [key]: value, ...(selfId ? { _id: { $ne: selfId } } : {}) } as Filter<T>;

    if ((await collection.countDocuments(taken, { limit: 1, comment: 'catalog.conflictProbe' })) > 0) field = name;
  }
  if (!field) throw error;
  throw new CatalogConflictError(entity, field, candidates[field] ?? '', { cause: error });
}
