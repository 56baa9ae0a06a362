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
    super(
      reason === 'cycle'
        ? `category ${parentId} is the category itself or one of its descendants`
        : `parent category ${parentId} does not exist`,
    );
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
