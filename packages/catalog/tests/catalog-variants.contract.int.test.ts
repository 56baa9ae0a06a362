import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CatalogConflictError,
  CatalogValidationError,
  CatalogVariantError,
  CatalogVersionConflictError,
  MAX_OPTION_VALUES,
  MAX_OPTIONS,
  type CatalogStore,
  type Product,
  type ProductChange,
} from '../src';
import { catalogBackends, storePerSuite } from './catalog-backends';
import { productInput, steppingClock, unique } from './catalog-test-support';

/** ONE suite, every adapter: options and variants on PostgreSQL JSONB (PGlite, server) and MongoDB (FerretDB). */
describe.each(catalogBackends.map((backend) => [backend.name, backend] as const))('catalog variants contract on %s', (_name, backend) => {
  let store: CatalogStore;
  let categoryId: string;
  storePerSuite(backend, steppingClock(), async (opened) => {
    store = opened;
    categoryId ??= (await store.createCategory({ slug: unique('variants'), name: 'Variants' })).id;
  });

  const change = async (product: Product | string, c: ProductChange, expectedVersion?: number) => {
    const result = await store.changeProduct(typeof product === 'string' ? product : product.id, c, expectedVersion);
    if (!result) throw new Error('product vanished');
    return result;
  };
  const reread = async (id: string) => (await store.getProducts([id]))[0];
  /** The change is refused with `code` and the stored product stays exactly as it was. */
  const refused = async (product: Product, c: ProductChange, check: (error: unknown) => void, expectedVersion?: number) => {
    const before = await reread(product.id);
    const error = await store.changeProduct(product.id, c, expectedVersion).then(
      () => null,
      (e: unknown) => e,
    );
    check(error);
    expect(await reread(product.id)).toEqual(before);
  };
  const ruleCode = (code: string, field?: string) => (error: unknown) => {
    expect(error).toBeInstanceOf(CatalogVariantError);
    expect(error).toMatchObject({ code, ...(field ? { field } : {}) });
  };
  const valueIds = (product: Product, option: string, ...names: string[]) => {
    const values = product.options.find((o) => o.name === option)!.values;
    return names.map((name) => values.find((v) => v.name === name)!.id);
  };
  /** A T-shirt in sizes S, M, L and colours Rust, Olive, every combination a variant. */
  const tee = async () => {
    const sku = unique('TEE');
    let product = await store.createProduct(productInput(categoryId, { sku, price: { amount: 2500, currency: 'EUR' }, published: true }));
    product = await change(product, { kind: 'addOption', name: 'Size', values: ['S', 'M', 'L'] });
    product = await change(product, { kind: 'addOption', name: 'Colour', values: ['Rust', 'Olive'] });
    product = await change(product, { kind: 'generateVariants', skuPrefix: sku, price: { amount: 2500, currency: 'EUR' } });
    return product;
  };

  it('builds a T-shirt in three sizes and two colours: the default variant takes the first values, generate adds the rest', async () => {
    const sku = unique('TEE');
    const created = await store.createProduct(productInput(categoryId, { sku, price: { amount: 2500, currency: 'EUR' } }));
    expect(created.variants.map((v) => v.id)).toEqual([created.id]);
    const sized = await change(created, { kind: 'addOption', name: 'Size', values: ['S', 'M', 'L'] });
    expect(sized.version).toBe(2);
    expect(sized.options).toEqual([{ id: expect.any(String), name: 'Size', values: ['S', 'M', 'L'].map((name) => ({ id: expect.any(String), name })) }]);
    expect(sized.variants).toEqual([{ ...created.variants[0], optionValueIds: valueIds(sized, 'Size', 'S') }]);
    const coloured = await change(sized, { kind: 'addOption', name: 'Colour', values: ['Rust', 'Olive'] });
    const full = await change(coloured, { kind: 'generateVariants', skuPrefix: sku, price: { amount: 2700, currency: 'EUR' }, published: true });
    expect(full.version).toBe(4);
    const generated = ['S-OLIVE', 'M-RUST', 'M-OLIVE', 'L-RUST', 'L-OLIVE'].map((values) => `${sku}-${values}`.toUpperCase());
    expect(full.variants.map((v) => v.sku)).toEqual([sku, ...generated]);
    expect(new Set(full.variants.map((v) => v.optionValueIds.join())).size).toBe(6);
    expect(full.variants.slice(1).every((v) => v.price.amount === 2700 && v.published)).toBe(true);
    // Product-level mirrors: the first variant's sku, the lowest published price.
    expect(full).toMatchObject({ sku, price: { amount: 2500, currency: 'EUR' } });
    expect(await reread(full.id)).toEqual(full);
    // Generating again adds nothing and writes nothing.
    expect(await change(full, { kind: 'generateVariants', skuPrefix: sku, price: { amount: 1, currency: 'EUR' } })).toEqual(full);
    expect((await reread(full.id))!.version).toBe(4);
  });

  it('creates, updates, reorders and deletes variants; price is the lowest published one', async () => {
    let product = await tee();
    const [first, second] = product.variants;
    product = await change(product, {
      kind: 'updateVariant',
      variantId: second!.id,
      patch: {
        price: { amount: 1999, currency: 'EUR' },
        compareAtPrice: { amount: 2500, currency: 'EUR' },
        weightGrams: 180,
        images: [{ url: 'https://cdn.example.com/olive.jpg', alt: 'Olive' }],
      },
    });
    expect(product.variants[1]).toEqual({
      ...second,
      price: { amount: 1999, currency: 'EUR' },
      compareAtPrice: { amount: 2500, currency: 'EUR' },
      weightGrams: 180,
      images: [{ url: 'https://cdn.example.com/olive.jpg', alt: 'Olive' }],
    });
    expect(product.price).toEqual({ amount: 1999, currency: 'EUR' });
    product = await change(product, { kind: 'updateVariant', variantId: second!.id, patch: { published: false } });
    expect(product.price).toEqual({ amount: 2500, currency: 'EUR' });

    const reversed = [...product.variants].reverse().map((v) => v.id);
    product = await change(product, { kind: 'reorderVariants', variantIds: reversed });
    expect(product.variants.map((v) => v.id)).toEqual(reversed);
    expect(product.sku).toBe(product.variants[0]!.sku);

    product = await change(product, { kind: 'deleteVariant', variantId: first!.id });
    expect(product.variants).toHaveLength(5);
    const xl = await change(product, { kind: 'addOptionValues', optionId: product.options[0]!.id, values: ['XL'] });
    const withXl = await change(xl, {
      kind: 'createVariant',
      variant: {
        sku: unique('XL'),
        optionValues: [
          { option: 'colour', value: 'rust' },
          { option: 'Size', value: 'XL' },
        ],
        price: { amount: 3100, currency: 'EUR' },
        position: 0,
      },
    });
    expect(withXl.variants[0]).toMatchObject({
      optionValueIds: valueIds(withXl, 'Size', 'XL').concat(valueIds(withXl, 'Colour', 'Rust')),
      published: true,
      compareAtPrice: null,
      weightGrams: null,
      images: [],
    });
    expect(await reread(product.id)).toEqual(withXl);
  });

  it('refuses broken variants with typed errors and writes nothing', async () => {
    const product = await tee();
    const [a, b] = product.variants;
    const variant = (optionValues: Array<{ option: string; value: string }>, sku = unique('V')) => ({
      kind: 'createVariant' as const,
      variant: { sku, optionValues, price: { amount: 100, currency: 'EUR' } },
    });
    await refused(
      product,
      variant([
        { option: 'Size', value: 'M' },
        { option: 'Colour', value: 'Olive' },
      ]),
      ruleCode('DUPLICATE_COMBINATION'),
    );
    await refused(
      product,
      variant([
        { option: 'Size', value: 'XXL' },
        { option: 'Colour', value: 'Olive' },
      ]),
      ruleCode('UNKNOWN_OPTION_VALUE', 'optionValues'),
    );
    await refused(
      product,
      variant([
        { option: 'Fit', value: 'Slim' },
        { option: 'Size', value: 'M' },
        { option: 'Colour', value: 'Olive' },
      ]),
      ruleCode('UNKNOWN_OPTION_VALUE'),
    );
    await refused(product, variant([{ option: 'Size', value: 'M' }]), ruleCode('MISSING_OPTION_VALUE'));
    await refused(product, { kind: 'updateVariant', variantId: b!.id, patch: { sku: a!.sku } }, ruleCode('DUPLICATE_SKU', 'sku'));
    await refused(
      product,
      { kind: 'updateVariant', variantId: b!.id, patch: { price: { amount: 100, currency: 'USD' } } },
      ruleCode('MIXED_CURRENCY', 'price'),
    );
    await refused(product, { kind: 'updateVariant', variantId: randomUUID(), patch: { published: false } }, ruleCode('UNKNOWN_VARIANT'));
    await refused(product, { kind: 'updateVariant', variantId: b!.id, patch: { price: { amount: -1, currency: 'EUR' } } }, (e) =>
      expect(e).toBeInstanceOf(CatalogValidationError),
    );
    await refused(product, { kind: 'updateVariant', variantId: 'not-a-uuid', patch: {} }, (e) => expect(e).toBeInstanceOf(CatalogValidationError));
    await refused(product, { kind: 'reorderVariants', variantIds: [a!.id, b!.id] }, (e) => expect(e).toBeInstanceOf(CatalogValidationError));
    await refused(
      product,
      { kind: 'deleteOptionValue', optionId: product.options[0]!.id, valueId: product.options[0]!.values[0]!.id },
      ruleCode('OPTION_VALUE_IN_USE'),
    );
    await refused(product, { kind: 'deleteOption', optionId: product.options[1]!.id }, ruleCode('DUPLICATE_COMBINATION'));
    await refused(product, { kind: 'addOption', name: 'size', values: ['A'] }, ruleCode('DUPLICATE_OPTION'));
    await refused(product, { kind: 'addOptionValues', optionId: product.options[0]!.id, values: ['m'] }, ruleCode('DUPLICATE_OPTION'));
    await refused(product, { kind: 'updateOption', optionId: randomUUID(), name: 'Fit' }, ruleCode('UNKNOWN_OPTION'));
    await refused(
      product,
      { kind: 'updateVariant', variantId: b!.id, patch: { published: false } },
      (e) => expect(e).toBeInstanceOf(CatalogVersionConflictError),
      product.version - 1,
    );
    // A product-level sku or price would be ambiguous with several variants.
    await expect(store.updateProduct(product.id, { price: { amount: 1, currency: 'EUR' } })).rejects.toMatchObject({ code: 'VARIANT_REQUIRED' });
    expect(await reread(product.id)).toEqual(product);
  });

  it('keeps at least one variant and bounds options, values and variants', async () => {
    const single = await store.createProduct(productInput(categoryId));
    await refused(single, { kind: 'deleteVariant', variantId: single.id }, ruleCode('LAST_VARIANT'));
    const many = Array.from({ length: MAX_OPTION_VALUES + 1 }, (_, i) => `v${i}`);
    await refused(single, { kind: 'addOption', name: 'Huge', values: many }, ruleCode('LIMIT_EXCEEDED', 'values'));
    await refused(single, { kind: 'reorderVariants', variantIds: Array.from({ length: 100_000 }, () => single.id) }, ruleCode('LIMIT_EXCEEDED', 'variantIds'));
    let product = single;
    for (let i = 0; i < MAX_OPTIONS; i++) product = await change(product, { kind: 'addOption', name: `O${i}`, values: ['a', 'b', 'c'] });
    await refused(product, { kind: 'addOption', name: 'One more', values: ['x'] }, ruleCode('LIMIT_EXCEEDED', 'options'));
    // 3^5 = 243 combinations fit in 250 variants; a sixth value on one option (4*3^4 = 324) does not.
    const wide = await change(product, { kind: 'addOptionValues', optionId: product.options[0]!.id, values: ['d'] });
    await refused(wide, { kind: 'generateVariants', skuPrefix: unique('W'), price: { amount: 1, currency: 'EUR' } }, ruleCode('LIMIT_EXCEEDED', 'variants'));
  });

  it('renames and moves options (variants follow), deletes unused values and whole options', async () => {
    let product = await tee();
    const [size, colour] = product.options;
    product = await change(product, { kind: 'updateOption', optionId: colour!.id, name: 'Color', position: 0 });
    expect(product.options.map((o) => o.name)).toEqual(['Color', 'Size']);
    expect(
      product.variants.every((v) => colour!.values.some((x) => x.id === v.optionValueIds[0]) && size!.values.some((x) => x.id === v.optionValueIds[1])),
    ).toBe(true);
    product = await change(product, { kind: 'updateOptionValue', optionId: colour!.id, valueId: colour!.values[0]!.id, name: 'Brick' });
    expect(product.options[0]!.values.map((v) => v.name)).toEqual(['Brick', 'Olive']);
    product = await change(product, { kind: 'addOptionValues', optionId: size!.id, values: ['XS'] });
    const xs = product.options[1]!.values.at(-1)!;
    product = await change(product, { kind: 'deleteOptionValue', optionId: size!.id, valueId: xs.id });
    expect(product.options[1]!.values.map((v) => v.name)).toEqual(['S', 'M', 'L']);
    // Drop every Olive variant, then Color is no longer needed to tell variants apart.
    const olive = colour!.values[1]!.id;
    for (const v of product.variants.filter((x) => x.optionValueIds.includes(olive)))
      product = await change(product, { kind: 'deleteVariant', variantId: v.id });
    product = await change(product, { kind: 'deleteOption', optionId: colour!.id });
    expect(product.options.map((o) => o.name)).toEqual(['Size']);
    expect(product.variants.map((v) => v.optionValueIds)).toEqual(size!.values.map((v) => [v.id]));
    expect(await reread(product.id)).toEqual(product);
  });

  it('keeps skus unique across the catalog and frees them when a variant or product goes', async () => {
    const a = await tee();
    let b = await store.createProduct(productInput(categoryId));
    b = await change(b, { kind: 'addOption', name: 'Size', values: ['S', 'M'] });
    const taken = a.variants[2]!.sku;
    const conflict = (error: unknown) => {
      expect(error).toBeInstanceOf(CatalogConflictError);
      expect(error).toMatchObject({ field: 'sku', value: taken });
    };
    await refused(
      b,
      { kind: 'createVariant', variant: { sku: taken, optionValues: [{ option: 'Size', value: 'M' }], price: { amount: 1, currency: 'EUR' } } },
      conflict,
    );
    await refused(b, { kind: 'updateVariant', variantId: b.id, patch: { sku: taken } }, conflict);
    await expect(store.createProduct(productInput(categoryId, { sku: taken }))).rejects.toMatchObject({ field: 'sku' });
    await change(a, { kind: 'deleteVariant', variantId: a.variants[2]!.id });
    b = await change(b, {
      kind: 'createVariant',
      variant: { sku: taken, optionValues: [{ option: 'Size', value: 'M' }], price: { amount: 1, currency: 'EUR' } },
    });
    expect(b.variants.map((v) => v.sku)).toContain(taken);
    // A sku moves between variants of one product in one change; a deleted product frees its skus.
    const swapped = await change(b, { kind: 'updateVariant', variantId: b.id, patch: { sku: unique('MOVED') } });
    expect(await store.deleteProduct(a.id)).toBe(true);
    const again = await store.createProduct(productInput(categoryId, { sku: a.variants[1]!.sku }));
    expect(again.sku).toBe(a.variants[1]!.sku);
    expect(await reread(swapped.id)).toEqual(swapped);
  });

  it('finds products by variant id in one call, ignoring unknown and malformed ids', async () => {
    const a = await tee();
    const b = await store.createProduct(productInput(categoryId));
    const found = await store.getProductsOfVariants([a.variants[3]!.id, a.variants[4]!.id.toUpperCase(), b.id, randomUUID(), 'nope']);
    expect(found.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
    expect(found.find((p) => p.id === a.id)).toEqual(a);
    expect(await store.getProductsOfVariants([])).toEqual([]);
    expect(await store.changeProduct(randomUUID(), { kind: 'deleteVariant', variantId: randomUUID() })).toBeNull();
  });

  it('records events with a change, and none for a change that changes nothing', async () => {
    const product = await store.createProduct(productInput(categoryId));
    const built: number[] = [];
    const events = (p: Product) => (built.push(p.version), []);
    await store.changeProduct(product.id, { kind: 'addOption', name: 'Size', values: ['M'] }, 1, { events });
    await store.changeProduct(product.id, { kind: 'generateVariants', skuPrefix: unique('X'), price: { amount: 1, currency: 'EUR' } }, 2, { events });
    await store.changeProduct(product.id, { kind: 'reorderVariants', variantIds: [product.id] }, 2, { events });
    expect(built).toEqual([2]);
  });
});
