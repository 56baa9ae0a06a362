import { describe, expect, it } from 'vitest';
import { CatalogConflictError, CatalogValidationError, CatalogVersionConflictError, InvalidCategoryParentError } from '@shop/catalog';
import { validationFailures, writeFailures } from './catalog-errors';

describe('catalog errors', () => {
  it('maps each broken rule to its code, once per field', () => {
    const error = new CatalogValidationError('product', [
      { path: 'price.amount', message: 'too small' },
      { path: 'price.currency', message: 'bad code' },
      { path: 'slug', message: 'bad slug' },
      { path: 'categoryId', message: 'must be a UUID' },
      { path: 'images.0.url', message: 'bad url' },
    ]);
    expect(validationFailures(error).map((f) => [f.code, f.field, f.message])).toEqual([
      ['INVALID_PRICE', 'price', 'price.amount: too small'],
      ['INVALID_SLUG', 'slug', 'slug: bad slug'],
      ['UNKNOWN_CATEGORY', 'categoryId', 'categoryId: must be a UUID'],
      ['INVALID_FIELD', 'images', 'images.0.url: bad url'],
    ]);
  });

  it('maps the store failures and rethrows anything else', () => {
    expect(writeFailures(new CatalogConflictError('product', 'sku', 'A-1'))[0]!.code).toBe('SKU_TAKEN');
    expect(writeFailures(new CatalogConflictError('category', 'slug', 'tees'))[0]!.code).toBe('SLUG_TAKEN');
    expect(writeFailures(new CatalogVersionConflictError('x', 1, 2))[0]!.code).toBe('VERSION_CONFLICT');
    expect(writeFailures(new InvalidCategoryParentError('x', 'cycle'))[0]).toEqual({
      code: 'INVALID_PARENT',
      field: 'parentId',
      message: 'A category cannot move below itself',
    });
    expect(writeFailures(new CatalogValidationError('expectedVersion', [{ path: '', message: 'too small' }]))[0]).toMatchObject({
      code: 'INVALID_FIELD',
      field: 'expectedVersion',
    });
    expect(() => writeFailures(new Error('boom'))).toThrow('boom');
  });
});
