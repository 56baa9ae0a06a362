import { describe, expect, it } from 'vitest';
import { CatalogValidationError, CatalogVariantError, type ProductVariant } from '../src';
import { parseProductChange } from '../src/variant-input';
import { applyProductChange, applyProductLevelFields, fromPrice, priceRange, type VariantState } from '../src/variant-rules';

const variant = (id: string, amount: number, published = true, optionValueIds: string[] = []): ProductVariant => ({
  id,
  sku: `SKU-${id}`,
  optionValueIds,
  price: { amount, currency: 'EUR' },
  compareAtPrice: null,
  images: [],
  published,
  weightGrams: null,
});
const apply = (state: VariantState, change: Parameters<typeof parseProductChange>[0]) => applyProductChange(state, parseProductChange(change));

describe('variant rules', () => {
  it('prices from the published variants, from all of them when none is published', () => {
    const variants = [variant('a', 900, false), variant('b', 1500), variant('c', 1200)];
    expect(priceRange(variants)).toEqual({ min: { amount: 1200, currency: 'EUR' }, max: { amount: 1500, currency: 'EUR' } });
    expect(fromPrice([variant('a', 900, false), variant('b', 700, false)])).toEqual({ amount: 700, currency: 'EUR' });
  });

  it('adds an option at a position: every variant takes its first value there; moving it moves the values', () => {
    const start: VariantState = {
      options: [
        {
          id: 'size',
          name: 'Size',
          values: [
            { id: 's', name: 'S' },
            { id: 'm', name: 'M' },
          ],
        },
      ],
      variants: [variant('a', 1, true, ['s']), variant('b', 1, true, ['m'])],
    };
    const withFit = apply(start, { kind: 'addOption', name: 'Fit', values: ['Slim', 'Wide'], position: 0 });
    const slim = withFit.options[0]!.values[0]!.id;
    expect(withFit.variants.map((v) => v.optionValueIds)).toEqual([
      [slim, 's'],
      [slim, 'm'],
    ]);
    const fitId = withFit.options[0]!.id;
    const moved = apply(withFit, { kind: 'updateOption', optionId: fitId, position: 5 });
    expect(moved.options.map((o) => o.name)).toEqual(['Size', 'Fit']);
    expect(moved.variants.map((v) => v.optionValueIds)).toEqual([
      ['s', slim],
      ['m', slim],
    ]);
  });

  it('refuses a generated sku longer than 64 characters, and product-level prices of several variants', () => {
    const state: VariantState = {
      options: [
        {
          id: 'o',
          name: 'Colour',
          values: [
            { id: 'x', name: 'A very long colour name indeed, far too long for skus' },
            { id: 'y', name: 'Red' },
          ],
        },
      ],
      variants: [variant('a', 1, true, ['y'])],
    };
    expect(() => apply(state, { kind: 'generateVariants', skuPrefix: 'PREFIX-123456789', price: { amount: 1, currency: 'EUR' } })).toThrow(
      CatalogValidationError,
    );
    const two: VariantState = { options: state.options, variants: [variant('a', 1, true, ['x']), variant('b', 1, true, ['y'])] };
    expect(() => applyProductLevelFields(two, { price: { amount: 5, currency: 'EUR' } })).toThrow(CatalogVariantError);
    expect(applyProductLevelFields(two, {})).toBe(two);
  });
});
