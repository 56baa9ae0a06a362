import { describe, expect, it } from 'vitest';
import type { ProductSnapshot, VariantSnapshot } from './contracts/products';
import { snapshotVariants } from './snapshot-variants';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

const variant = (variantId: string, position: number, published: boolean, size: string): VariantSnapshot => ({
  variantId,
  sku: `SKU-${variantId}`,
  price: eur(1000 + position),
  compareAtPrice: null,
  published,
  position,
  weightGrams: 250,
  optionValues: [{ option: 'Size', value: size }],
});

const product = (published: boolean, variants?: VariantSnapshot[]): ProductSnapshot => ({
  productId: 'p1',
  sku: 'SKU-p1',
  name: 'Shirt',
  categoryId: 'clothing',
  price: eur(900),
  published,
  ...(variants ? { variants } : {}),
});

describe('snapshotVariants', () => {
  it('flattens every variant in catalog order, keeping each one published or not', () => {
    expect(snapshotVariants(product(true, [variant('v1', 0, true, 'S'), variant('v2', 1, false, 'M')]))).toEqual([
      {
        variantId: 'v1',
        productId: 'p1',
        sku: 'SKU-v1',
        priceAmount: 1000,
        priceCurrency: 'EUR',
        published: true,
        position: 0,
        optionValues: [{ option: 'Size', value: 'S' }],
      },
      {
        variantId: 'v2',
        productId: 'p1',
        sku: 'SKU-v2',
        priceAmount: 1001,
        priceCurrency: 'EUR',
        published: false,
        position: 1,
        optionValues: [{ option: 'Size', value: 'M' }],
      },
    ]);
  });

  it('publishes no variant of an unpublished product', () => {
    expect(snapshotVariants(product(false, [variant('v1', 0, true, 'S'), variant('v2', 1, false, 'M')])).map((row) => [row.variantId, row.published])).toEqual([
      ['v1', false],
      ['v2', false],
    ]);
  });

  it('reads an event from before variants as one default variant that is published with its product', () => {
    const defaultVariant = { variantId: 'p1', productId: 'p1', sku: 'SKU-p1', priceAmount: 900, priceCurrency: 'EUR', position: 0, optionValues: [] };
    expect(snapshotVariants(product(true))).toEqual([{ ...defaultVariant, published: true }]);
    expect(snapshotVariants(product(false))).toEqual([{ ...defaultVariant, published: false }]);
  });
});
