import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productUpdated } from '@shop/events';
import { countQueries, sqlBackends } from '@shop/testkit';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { admin, anonymous, codes, customer, eventually, unique, productsTestShop, type Data, type ProductsTestShop } from './helpers';
import {
  AddProductOptionDocument,
  AddProductOptionValuesDocument,
  CreateProductVariantDocument,
  DeleteProductOptionDocument,
  DeleteProductOptionValueDocument,
  DeleteProductVariantDocument,
  GenerateProductVariantsDocument,
  ProductStateByIdDocument,
  PublishedVariantsDocument,
  ReorderProductVariantsDocument,
  RepriceProductVariantDocument,
  UpdateProductDocument,
  UpdateProductOptionDocument,
  UpdateProductOptionValueDocument,
  UpdateProductVariantDocument,
  UpdateVariantPublishedDocument,
  VariantProductsDocument,
} from './__generated__/graphql';

describe.each(sqlBackends)('product options and variants on %s', (backend) => {
  let shop: ProductsTestShop;
  let categoryId: string;

  beforeAll(async () => {
    shop = await productsTestShop(backend, 'variants-test');
    categoryId = (await shop.client.createCategory({ name: 'Shirts' }))!.id;
  });
  afterAll(() => shop?.stop());

  const state = async (id: string, caller = admin): Promise<Data | null> =>
    (await shop.harness.call(ProductStateByIdDocument, { id }, caller)).data!.product ?? null;
  /** Runs a mutation, returns its payload (or the GraphQL error codes when the operation itself failed). */
  const mutate = async <TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, caller = admin): Promise<Data> => {
    const result = await shop.harness.call(document, variables, caller);
    if (result.errors) return { graphqlErrors: codes(result) };
    return Object.values(result.data as object)[0] as Data;
  };

  /** A shirt in S, M, L x Rust, Olive: every combination a published variant at EUR 25. */
  async function shirt(published = true): Promise<Data> {
    const skuPrefix = unique('SHIRT').toUpperCase();
    const product = await shop.client.createProduct(categoryId, { sku: skuPrefix, price: { amount: 2500, currency: 'EUR' }, published });
    await mutate(AddProductOptionDocument, { productId: product.id, input: { name: 'Size', values: ['S', 'M', 'L'] } });
    await mutate(AddProductOptionDocument, { productId: product.id, input: { name: 'Colour', values: ['Rust', 'Olive'] } });
    const generated = await mutate(GenerateProductVariantsDocument, { productId: product.id, input: { skuPrefix, price: { amount: 2500, currency: 'EUR' } } });
    expect(generated.errors).toEqual([]);
    return generated.product;
  }

  it('sells a T-shirt in three sizes and two colours: options, generated variants, per-variant prices, events', async () => {
    const product = await shirt();
    const prefix = product.sku;
    expect(product.version).toBe(4);
    expect(product.options.map((o: Data) => [o.name, o.position, o.values.map((v: Data) => v.name)])).toEqual([
      ['Size', 0, ['S', 'M', 'L']],
      ['Colour', 1, ['Rust', 'Olive']],
    ]);
    expect(product.variants.map((v: Data) => [v.sku, v.position, v.optionValues.map((x: Data) => `${x.option}:${x.value}`).join(' ')])).toEqual([
      [prefix, 0, 'Size:S Colour:Rust'],
      [`${prefix}-S-OLIVE`, 1, 'Size:S Colour:Olive'],
      [`${prefix}-M-RUST`, 2, 'Size:M Colour:Rust'],
      [`${prefix}-M-OLIVE`, 3, 'Size:M Colour:Olive'],
      [`${prefix}-L-RUST`, 4, 'Size:L Colour:Rust'],
      [`${prefix}-L-OLIVE`, 5, 'Size:L Colour:Olive'],
    ]);
    // The default variant keeps the product's id, so stock kept per product maps to it.
    expect(product.variants[0].id).toBe(product.id);

    const mOlive = product.variants[3];
    const cheaper = await mutate(RepriceProductVariantDocument, {
      id: mOlive.id,
      input: { price: { amount: 1999, currency: 'EUR' }, compareAtPrice: { amount: 2500, currency: 'EUR' }, weightGrams: 210 },
      expectedVersion: 4,
    });
    expect(cheaper.errors).toEqual([]);
    expect(cheaper.variant).toEqual({
      ...mOlive,
      price: { amount: 1999, currency: 'EUR' },
      compareAtPrice: { amount: 2500, currency: 'EUR' },
      weightGrams: 210,
    });
    expect(cheaper.product).toEqual({ version: 5, price: { amount: 1999 }, priceRange: { min: { amount: 1999 }, max: { amount: 2500 } } });
    const hidden = await mutate(UpdateVariantPublishedDocument, { id: product.variants[5].id, input: { published: false } });
    expect(hidden.variant).toEqual({ published: false });

    // Customers see published variants only, by sku and as entities.
    const seen = await shop.harness.call(PublishedVariantsDocument, { id: product.id, sku: product.variants[5].sku }, customer);
    expect(seen.data!.product).toEqual({ variants: product.variants.slice(0, 5).map((v: Data) => ({ sku: v.sku })), variant: null });
    const reps = [...product.variants.map((v: Data) => ({ __typename: 'ProductVariant', id: v.id })), { __typename: 'ProductVariant', id: randomUUID() }];
    const { result, queries } = await countQueries(shop.harness.platform.database.db, () =>
      shop.harness.call(VariantProductsDocument, { representations: reps }, customer),
    );
    expect(queries).toBe(1);
    expect(result.data!._entities).toEqual([...product.variants.slice(0, 5).map((v: Data) => ({ sku: v.sku, product: { id: product.id } })), null, null]);

    // product.updated carries every variant with its option values.
    const last = await eventually(() =>
      shop.events.find(
        (e) => e.aggregateId === product.id && e.type === productUpdated.type && productUpdated.parse(e).data.variants?.[5]?.published === false,
      ),
    );
    expect(productUpdated.parse(last).data.variants![3]).toEqual({
      variantId: mOlive.id,
      sku: mOlive.sku,
      price: { amount: 1999, currency: 'EUR' },
      compareAtPrice: { amount: 2500, currency: 'EUR' },
      published: true,
      position: 3,
      weightGrams: 210,
      optionValues: [
        { option: 'Size', value: 'M' },
        { option: 'Colour', value: 'Olive' },
      ],
    });
  });

  it('creates, reorders and deletes variants and edits options and values', async () => {
    const product = await shirt();
    const xl = await mutate(AddProductOptionValuesDocument, { productId: product.id, optionId: product.options[0].id, values: ['XL'] });
    expect(xl.product.options[0].values.map((v: Data) => v.name)).toEqual(['S', 'M', 'L', 'XL']);
    const sku = unique('XL-RUST');
    const created = await mutate(CreateProductVariantDocument, {
      productId: product.id,
      input: {
        sku,
        optionValues: [
          { option: 'size', value: 'xl' },
          { option: 'Colour', value: 'Rust' },
        ],
        price: { amount: 2900, currency: 'EUR' },
        position: 0,
      },
    });
    expect(created.errors).toEqual([]);
    expect(created.variant).toMatchObject({ sku, position: 0, published: true, compareAtPrice: null, weightGrams: null });
    expect(created.product).toEqual({ sku, version: 6 });
    const ids = [product.variants[1].id, created.variant.id, ...product.variants.filter((_: Data, i: number) => i !== 1).map((v: Data) => v.id)];
    const reordered = await mutate(ReorderProductVariantsDocument, { productId: product.id, variantIds: ids });
    expect(reordered.product.variants.map((v: Data) => v.id)).toEqual(ids);
    const deleted = await mutate(DeleteProductVariantDocument, { id: created.variant.id });
    expect(deleted.product.variants).toHaveLength(6);
    const renamed = await mutate(UpdateProductOptionDocument, {
      productId: product.id,
      optionId: product.options[1].id,
      input: { name: 'Color', position: 0 },
    });
    expect(renamed.product.options.map((o: Data) => o.name)).toEqual(['Color', 'Size']);
    expect(renamed.product.variants[0].optionValues.map((x: Data) => x.option)).toEqual(['Color', 'Size']);
    const value = await mutate(UpdateProductOptionValueDocument, {
      productId: product.id,
      optionId: product.options[1].id,
      valueId: product.options[1].values[0].id,
      name: 'Brick',
    });
    expect(value.product.options[0].values.map((v: Data) => v.name)).toEqual(['Brick', 'Olive']);
    const xlId = xl.product.options[0].values[3].id;
    const unused = await mutate(DeleteProductOptionValueDocument, { productId: product.id, optionId: product.options[0].id, valueId: xlId });
    expect(unused.product.options[1].values.map((v: Data) => v.name)).toEqual(['S', 'M', 'L']);
    const single = await shop.client.createProduct(categoryId);
    const withFit = await mutate(AddProductOptionDocument, { productId: single.id, input: { name: 'Fit', values: ['Regular'] } });
    const noFit = await mutate(DeleteProductOptionDocument, { productId: single.id, optionId: withFit.product.options[0].id });
    expect(noFit.product).toMatchObject({ options: [], variants: [{ id: single.id, optionValues: [] }], version: 3 });
  });

  it('refuses bad input to every new mutation with a typed error and writes nothing', async () => {
    const product = await shirt();
    const other = await shirt();
    const [size, colour] = product.options;
    const huge = Array.from({ length: 101 }, (_, i) => `v${i}`);
    const money = (amount: number, currency = 'EUR') => ({ amount, currency });
    const plain = await shop.client.createProduct(categoryId);
    await mutate(AddProductOptionDocument, { productId: plain.id, input: { name: 'Fit', values: ['Regular', 'Slim'] } });
    const before = await state(product.id);
    const plainBefore = await state(plain.id);
    const cases: Array<[string, () => Promise<Data>, unknown]> = [
      [
        'addProductOption',
        () => mutate(AddProductOptionDocument, { productId: 'not-a-uuid', input: { name: 'Fit', values: ['Slim'] } }),
        { graphqlErrors: ['BAD_USER_INPUT'] },
      ],
      ['addProductOption', () => mutate(AddProductOptionDocument, { productId: randomUUID(), input: { name: 'Fit', values: ['Slim'] } }), 'NOT_FOUND'],
      ['addProductOption', () => mutate(AddProductOptionDocument, { productId: product.id, input: { name: 'Fit', values: huge } }), 'LIMIT_EXCEEDED'],
      ['addProductOption', () => mutate(AddProductOptionDocument, { productId: product.id, input: { name: 'size', values: ['XS'] } }), 'DUPLICATE_OPTION'],
      ['addProductOption', () => mutate(AddProductOptionDocument, { productId: product.id, input: { name: ' ', values: ['XS'] } }), 'INVALID_FIELD'],
      [
        'addProductOption',
        () => mutate(AddProductOptionDocument, { productId: product.id, input: { name: 'Fit', values: ['Slim'] }, expectedVersion: 1 }),
        'VERSION_CONFLICT',
      ],
      ['updateProductOption', () => mutate(UpdateProductOptionDocument, { productId: product.id, optionId: 'nope', input: { name: 'Fit' } }), 'INVALID_FIELD'],
      [
        'updateProductOption',
        () => mutate(UpdateProductOptionDocument, { productId: product.id, optionId: randomUUID(), input: { name: 'Fit' } }),
        'UNKNOWN_OPTION',
      ],
      [
        'updateProductOption',
        () => mutate(UpdateProductOptionDocument, { productId: product.id, optionId: colour.id, input: { name: 'SIZE' } }),
        'DUPLICATE_OPTION',
      ],
      ['deleteProductOption', () => mutate(DeleteProductOptionDocument, { productId: product.id, optionId: colour.id }), 'DUPLICATE_COMBINATION'],
      ['addProductOptionValues', () => mutate(AddProductOptionValuesDocument, { productId: product.id, optionId: size.id, values: huge }), 'LIMIT_EXCEEDED'],
      [
        'addProductOptionValues',
        () => mutate(AddProductOptionValuesDocument, { productId: product.id, optionId: size.id, values: ['XL', 'xl'] }),
        'DUPLICATE_OPTION',
      ],
      [
        'updateProductOptionValue',
        () => mutate(UpdateProductOptionValueDocument, { productId: product.id, optionId: size.id, valueId: randomUUID(), name: 'XL' }),
        'UNKNOWN_OPTION_VALUE',
      ],
      [
        'deleteProductOptionValue',
        () => mutate(DeleteProductOptionValueDocument, { productId: product.id, optionId: size.id, valueId: size.values[1].id }),
        'OPTION_VALUE_IN_USE',
      ],
      [
        'createProductVariant',
        () =>
          mutate(CreateProductVariantDocument, {
            productId: plain.id,
            input: { sku: other.variants[2].sku, optionValues: [{ option: 'Fit', value: 'Slim' }], price: money(1) },
          }),
        'DUPLICATE_SKU',
      ],
      [
        'createProductVariant',
        () =>
          mutate(CreateProductVariantDocument, {
            productId: product.id,
            input: {
              sku: unique('V'),
              optionValues: [
                { option: 'Size', value: 'M' },
                { option: 'Colour', value: 'Rust' },
              ],
              price: money(1),
            },
          }),
        'DUPLICATE_COMBINATION',
      ],
      [
        'createProductVariant',
        () =>
          mutate(CreateProductVariantDocument, {
            productId: product.id,
            input: {
              sku: unique('V'),
              optionValues: [
                { option: 'Size', value: 'XXL' },
                { option: 'Colour', value: 'Rust' },
              ],
              price: money(1),
            },
          }),
        'UNKNOWN_OPTION_VALUE',
      ],
      [
        'createProductVariant',
        () =>
          mutate(CreateProductVariantDocument, {
            productId: product.id,
            input: { sku: unique('V'), optionValues: [{ option: 'Size', value: 'M' }], price: money(1) },
          }),
        'MISSING_OPTION_VALUE',
      ],
      [
        'createProductVariant',
        () =>
          mutate(CreateProductVariantDocument, {
            productId: product.id,
            input: { sku: unique('V'), optionValues: [{ option: 'Size', value: 'M' }], price: money(-1) },
          }),
        'INVALID_PRICE',
      ],
      [
        'createProductVariant',
        () =>
          mutate(CreateProductVariantDocument, {
            productId: product.id,
            input: { sku: unique('V'), optionValues: huge.map((v) => ({ option: 'Size', value: v })), price: money(1) },
          }),
        'LIMIT_EXCEEDED',
      ],
      [
        'createProductVariant',
        () => mutate(CreateProductVariantDocument, { productId: product.id, input: { sku: 'has space', optionValues: [], price: money(1) } }),
        'INVALID_FIELD',
      ],
      [
        'createProductVariant',
        () => mutate(CreateProductVariantDocument, { productId: 'x', input: { sku: unique('V'), optionValues: [], price: money(1) } }),
        { graphqlErrors: ['BAD_USER_INPUT'] },
      ],
      ['updateProductVariant', () => mutate(UpdateProductVariantDocument, { id: 'x', input: { published: false } }), { graphqlErrors: ['BAD_USER_INPUT'] }],
      ['updateProductVariant', () => mutate(UpdateProductVariantDocument, { id: randomUUID(), input: { published: false } }), 'NOT_FOUND'],
      ['updateProductVariant', () => mutate(UpdateProductVariantDocument, { id: product.variants[1].id, input: { price: money(-5) } }), 'INVALID_PRICE'],
      ['updateProductVariant', () => mutate(UpdateProductVariantDocument, { id: product.variants[1].id, input: { price: money(5, 'USD') } }), 'INVALID_PRICE'],
      [
        'updateProductVariant',
        () => mutate(UpdateProductVariantDocument, { id: product.variants[1].id, input: { compareAtPrice: money(-5) } }),
        'INVALID_PRICE',
      ],
      [
        'updateProductVariant',
        () => mutate(UpdateProductVariantDocument, { id: product.variants[1].id, input: { sku: product.variants[2].sku } }),
        'DUPLICATE_SKU',
      ],
      [
        'updateProductVariant',
        () => mutate(UpdateProductVariantDocument, { id: product.variants[1].id, input: { sku: other.variants[0].sku } }),
        'DUPLICATE_SKU',
      ],
      ['updateProductVariant', () => mutate(UpdateProductVariantDocument, { id: product.variants[1].id, input: { weightGrams: -1 } }), 'INVALID_FIELD'],
      ['deleteProductVariant', () => mutate(DeleteProductVariantDocument, { id: randomUUID() }), 'NOT_FOUND'],
      ['deleteProductVariant', () => mutate(DeleteProductVariantDocument, { id: 'x' }), { graphqlErrors: ['BAD_USER_INPUT'] }],
      [
        'reorderProductVariants',
        () => mutate(ReorderProductVariantsDocument, { productId: product.id, variantIds: Array.from({ length: 10_000 }, () => randomUUID()) }),
        'LIMIT_EXCEEDED',
      ],
      [
        'reorderProductVariants',
        () => mutate(ReorderProductVariantsDocument, { productId: product.id, variantIds: [product.variants[0].id] }),
        'INVALID_FIELD',
      ],
      [
        'reorderProductVariants',
        () => mutate(ReorderProductVariantsDocument, { productId: product.id, variantIds: ['x'] }),
        { graphqlErrors: ['BAD_USER_INPUT'] },
      ],
      [
        'generateProductVariants',
        () => mutate(GenerateProductVariantsDocument, { productId: product.id, input: { skuPrefix: 'X', price: money(-1) } }),
        'INVALID_PRICE',
      ],
      [
        'generateProductVariants',
        () => mutate(GenerateProductVariantsDocument, { productId: product.id, input: { skuPrefix: 'bad prefix', price: money(1) } }),
        'INVALID_FIELD',
      ],
    ];
    for (const [field, attempt, expected] of cases) {
      const payload = await attempt();
      if (typeof expected === 'string') expect([field, payload.errors?.map((e: Data) => e.code)]).toEqual([field, [expected]]);
      else expect([field, payload]).toEqual([field, expected]);
    }
    // Too many combinations for one call, a last variant, an ambiguous product-level price.
    const wide = await mutate(AddProductOptionValuesDocument, { productId: other.id, optionId: other.options[0].id, values: huge.slice(0, 97) });
    expect(wide.errors).toEqual([]);
    await mutate(AddProductOptionValuesDocument, { productId: other.id, optionId: other.options[1].id, values: ['Navy'] });
    const tooMany = await mutate(GenerateProductVariantsDocument, { productId: other.id, input: { skuPrefix: 'W', price: money(1) } });
    expect(tooMany.errors.map((e: Data) => [e.code, e.field])).toEqual([['LIMIT_EXCEEDED', 'variants']]);
    const single = await shop.client.createProduct(categoryId);
    const last = await mutate(DeleteProductVariantDocument, { id: single.id });
    expect(last.errors.map((e: Data) => e.code)).toEqual(['LAST_VARIANT']);
    const ambiguous = await shop.harness.call(UpdateProductDocument, { id: product.id, input: { price: { amount: 1, currency: 'EUR' } } }, admin);
    expect(ambiguous.data!.updateProduct.errors.map((e) => e.code)).toEqual(['VARIANT_REQUIRED']);
    // Nothing was written: same state, same version.
    expect(await state(product.id)).toEqual(before);
    expect(await state(plain.id)).toEqual(plainBefore);
  });

  it('runs the README walkthrough: a T-shirt in three sizes and two colours', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!).find((text) => text.includes('mutation Tee'))!;
    const operations = parse(block).definitions.map((definition) => print(definition));
    const known: Record<string, unknown> = { categoryId };
    const answers: Data[] = [];
    for (const operation of operations) {
      // Raw on purpose: the operations are the README's own text, run as written there.
      const result = await shop.client.call(operation, known, admin);
      expect(result.errors).toBeUndefined();
      const payload = Object.values(result.data!)[0] as Data;
      if ('errors' in payload) expect(payload.errors).toEqual([]);
      answers.push(payload);
      known.productId ??= payload.product?.id;
      known.optionId ??= payload.product?.options?.[0]?.id;
      known.variantId ??= payload.product?.variants?.find((v: Data) => v.sku === 'TEE-M-OLIVE')?.id;
    }
    const shirtRead = answers.at(-1)!;
    expect(shirtRead.options).toEqual([
      { name: 'Size', values: ['S', 'M', 'L', 'XL'].map((name) => ({ name })) },
      { name: 'Colour', values: [{ name: 'Rust' }, { name: 'Olive' }] },
    ]);
    expect(shirtRead.variants.map((v: Data) => v.sku)).toEqual(['TEE', 'TEE-S-OLIVE', 'TEE-M-RUST', 'TEE-M-OLIVE', 'TEE-L-RUST', 'TEE-L-OLIVE', 'TEE-XL-RUST']);
    expect(shirtRead).toMatchObject({
      price: { amount: 1999, currency: 'EUR' },
      priceRange: { min: { amount: 1999 }, max: { amount: 2500 } },
      variant: { id: known.variantId, price: { amount: 1999 } },
    });
  });

  it('only admins change options and variants', async () => {
    const product = await shop.client.createProduct(categoryId, { published: true });
    const vars = { productId: product.id, input: { name: 'Size', values: ['M'] } };
    expect(await mutate(AddProductOptionDocument, vars, customer)).toEqual({ graphqlErrors: ['FORBIDDEN'] });
    expect(await mutate(AddProductOptionDocument, vars, anonymous)).toEqual({ graphqlErrors: ['UNAUTHENTICATED'] });
    expect((await state(product.id))!.version).toBe(1);
  });
});
