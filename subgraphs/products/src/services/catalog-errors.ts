import type { PayloadFailure } from '@shop/subgraph-kit';
import {
  CatalogConflictError,
  CatalogValidationError,
  CatalogVersionConflictError,
  InvalidCategoryParentError,
} from '@shop/catalog';

/** Mirrors the schema's `CatalogErrorCode`: expected failures are data, not exceptions. */
export type CatalogErrorCode =
  | 'INVALID_PRICE'
  | 'UNKNOWN_CATEGORY'
  | 'SKU_TAKEN'
  | 'SLUG_TAKEN'
  | 'INVALID_SLUG'
  | 'INVALID_FIELD'
  | 'VERSION_CONFLICT'
  | 'NOT_FOUND'
  | 'INVALID_PARENT';

export type CatalogFailure = PayloadFailure<CatalogErrorCode>;

export const failure = (code: CatalogErrorCode, message: string, field: string | null = null): CatalogFailure => ({ code, field, message });

const codeForField = (field: string): CatalogErrorCode => {
  if (field === 'price') return 'INVALID_PRICE';
  if (field === 'slug') return 'INVALID_SLUG';
  if (field === 'categoryId') return 'UNKNOWN_CATEGORY';
  if (field === 'parentId') return 'INVALID_PARENT';
  return 'INVALID_FIELD';
};

/** One failure per input field the catalog's rules reject (`price.amount` is reported as `price`). */
export function validationFailures(error: CatalogValidationError, fallbackField: string | null = null): CatalogFailure[] {
  const byField = new Map<string, CatalogFailure>();
  for (const issue of error.issues) {
    const field = issue.path.split('.')[0] || fallbackField || '';
    if (byField.has(field)) continue;
    const path = issue.path || field;
    byField.set(field, failure(codeForField(field), path ? `${path}: ${issue.message}` : issue.message, field || null));
  }
  return [...byField.values()];
}

/** Turns the catalog's expected write failures into typed ones; anything else is rethrown. */
export function writeFailures(error: unknown): CatalogFailure[] {
  if (error instanceof CatalogValidationError) return validationFailures(error, error.what === 'expectedVersion' ? 'expectedVersion' : null);
  if (error instanceof CatalogConflictError) {
    const code = error.field === 'sku' ? 'SKU_TAKEN' : 'SLUG_TAKEN';
    return [failure(code, `Another ${error.entity} already has ${error.field} ${JSON.stringify(error.value)}`, error.field)];
  }
  if (error instanceof CatalogVersionConflictError) {
    return [failure('VERSION_CONFLICT', `The product is at version ${error.actualVersion}, not ${error.expectedVersion}; reload it and retry`, 'expectedVersion')];
  }
  if (error instanceof InvalidCategoryParentError) {
    const message = error.reason === 'cycle' ? 'A category cannot move below itself' : 'No category has this id';
    return [failure('INVALID_PARENT', message, 'parentId')];
  }
  throw error;
}
