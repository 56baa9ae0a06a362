/**
 * Expected failures of the catalog store. Services turn them into typed GraphQL results; each has a
 * stable `code` so callers never match on messages.
 */

/**
 * A unique field is already taken: a product's sku or slug, a category's slug, or (for inputs that
 * bring their own) the id.
 */
export class CatalogConflictError extends Error {
  readonly code = 'CATALOG_CONFLICT';
  override readonly name = 'CatalogConflictError';

  constructor(
    readonly entity: 'product' | 'category',
    readonly field: 'id' | 'sku' | 'slug',
    readonly value: string,
    options?: { cause?: unknown },
  ) {
    super(`${entity} ${field} ${JSON.stringify(value)} is already taken`, options);
  }
}

/** `updateProduct` was given an `expectedVersion` that is no longer the stored one. */
export class CatalogVersionConflictError extends Error {
  readonly code = 'CATALOG_VERSION_CONFLICT';
  override readonly name = 'CatalogVersionConflictError';

  constructor(
    readonly id: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`product ${id} is at version ${actualVersion}, not the expected ${expectedVersion}`);
  }
}

/** A pagination cursor that this store did not issue, or issued for another sort order. */
export class InvalidCursorError extends Error {
  readonly code = 'INVALID_CURSOR';
  override readonly name = 'InvalidCursorError';

  constructor(reason: string) {
    super(`invalid cursor: ${reason}`);
  }
}

/** A category's parent does not exist, or making it the parent would create a cycle. */
export class InvalidCategoryParentError extends Error {
  readonly code = 'INVALID_CATEGORY_PARENT';
  override readonly name = 'InvalidCategoryParentError';

  constructor(
    readonly parentId: string,
    readonly reason: 'not-found' | 'cycle',
  ) {
    super(reason === 'cycle' ? `category ${parentId} is the category itself or one of its descendants` : `parent category ${parentId} does not exist`);
  }
}

/** Input that breaks the catalog's rules (bad slug, negative price, page too large, ...). */
export class CatalogValidationError extends Error {
  readonly code = 'CATALOG_VALIDATION';
  override readonly name = 'CatalogValidationError';

  constructor(
    readonly what: string,
    readonly issues: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(`invalid ${what}: ${issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ')}`);
  }
}

/** Why `changeProduct` (or a sku/price `updateProduct`) refused a change to options or variants. */
export type VariantRuleCode =
  /** Two variants of the product would have the same option values. */
  | 'DUPLICATE_COMBINATION'
  /** Two variants of the same change would have the same sku (another product's sku is `CatalogConflictError`). */
  | 'DUPLICATE_SKU'
  /** An option value (or option) named in a variant does not exist on the product. */
  | 'UNKNOWN_OPTION_VALUE'
  /** A variant lacks a value for one of the product's options, or names one option twice. */
  | 'MISSING_OPTION_VALUE'
  /** The product's only variant cannot be deleted. */
  | 'LAST_VARIANT'
  /** No option of the product has this id. */
  | 'UNKNOWN_OPTION'
  /** No variant of the product has this id. */
  | 'UNKNOWN_VARIANT'
  /** Another option of the product (or value of the option) has this name. */
  | 'DUPLICATE_OPTION'
  /** A variant still has the option value to delete. */
  | 'OPTION_VALUE_IN_USE'
  /** More options, values per option or variants than the catalog allows. */
  | 'LIMIT_EXCEEDED'
  /** A product-level sku or price change on a product with several variants: say which variant. */
  | 'VARIANT_REQUIRED'
  /** A price in another currency than the product's other variant prices. */
  | 'MIXED_CURRENCY';

export class CatalogVariantError extends Error {
  override readonly name = 'CatalogVariantError';

  constructor(
    readonly code: VariantRuleCode,
    /** The input field at fault, e.g. `optionValues` or `sku`. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
