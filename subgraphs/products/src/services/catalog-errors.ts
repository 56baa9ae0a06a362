import type { PayloadFailure } from '@shop/subgraph-kit';
import {
  CatalogConflictError,
  CatalogValidationError,
  CatalogVariantError,
  type VariantRuleCode,
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
  | 'INVALID_PARENT'
  | 'DUPLICATE_SKU'
  | 'DUPLICATE_COMBINATION'
  | 'UNKNOWN_OPTION_VALUE'
  | 'MISSING_OPTION_VALUE'
  | 'LAST_VARIANT'
  | 'UNKNOWN_OPTION'
  | 'DUPLICATE_OPTION'
  | 'OPTION_VALUE_IN_USE'
  | 'LIMIT_EXCEEDED'
  | 'VARIANT_REQUIRED';

export type CatalogFailure = PayloadFailure<CatalogErrorCode>;

export const failure = (code: CatalogErrorCode, message: string, field: string | null = null): CatalogFailure => ({ code, field, message });

const codeForField = (field: string): CatalogErrorCode => {
  if (field === 'price' || field === 'compareAtPrice') return 'INVALID_PRICE';
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

/** The schema's code for each rule of options and variants (most keep their name). */
const variantCodes: Record<VariantRuleCode, CatalogErrorCode> = {
  DUPLICATE_COMBINATION: 'DUPLICATE_COMBINATION',
  DUPLICATE_SKU: 'DUPLICATE_SKU',
  UNKNOWN_OPTION_VALUE: 'UNKNOWN_OPTION_VALUE',
  MISSING_OPTION_VALUE: 'MISSING_OPTION_VALUE',
  LAST_VARIANT: 'LAST_VARIANT',
  UNKNOWN_OPTION: 'UNKNOWN_OPTION',
  UNKNOWN_VARIANT: 'NOT_FOUND',
  DUPLICATE_OPTION: 'DUPLICATE_OPTION',
  OPTION_VALUE_IN_USE: 'OPTION_VALUE_IN_USE',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  VARIANT_REQUIRED: 'VARIANT_REQUIRED',
  MIXED_CURRENCY: 'INVALID_PRICE',
};

/**
 * `writeFailures` for the variant mutations: a sku another product has is DUPLICATE_SKU there
 * (product mutations keep answering SKU_TAKEN, as they always have).
 */
export function variantWriteFailures(error: unknown): CatalogFailure[] {
  if (error instanceof CatalogConflictError && error.field === 'sku') {
    return [failure('DUPLICATE_SKU', `Another variant already has sku ${JSON.stringify(error.value)}`, 'sku')];
  }
  return writeFailures(error);
}

/** Turns the catalog's expected write failures into typed ones; anything else is rethrown. */
export function writeFailures(error: unknown): CatalogFailure[] {
  if (error instanceof CatalogVariantError) return [failure(variantCodes[error.code], error.message, error.field)];
  if (error instanceof CatalogValidationError) return validationFailures(error, error.what === 'expectedVersion' ? 'expectedVersion' : null);
  if (error instanceof CatalogConflictError) {
    const code = error.field === 'sku' ? 'SKU_TAKEN' : 'SLUG_TAKEN';
    return [failure(code, `Another ${error.entity} already has ${error.field} ${JSON.stringify(error.value)}`, error.field)];
  }
  if (error instanceof CatalogVersionConflictError) {
    return [
      failure('VERSION_CONFLICT', `The product is at version ${error.actualVersion}, not ${error.expectedVersion}; reload it and retry`, 'expectedVersion'),
    ];
  }
  if (error instanceof InvalidCategoryParentError) {
    const message = error.reason === 'cycle' ? 'A category cannot move below itself' : 'No category has this id';
    return [failure('INVALID_PARENT', message, 'parentId')];
  }
  throw error;
}
