import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kind, parse, print, type ObjectTypeDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productUpdated } from '@shop/events';
import { graphqlLiteral, sqlBackends } from '@shop/testkit';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { admin, ERRORS, eventually, unique, productsTestShop, type Data, type ProductsTestShop } from './helpers';
import {
  AddProductOptionDocument,
  AddProductOptionValuesDocument,
  GenerateProductVariantsDocument,
  ProductStateByIdDocument,
  UpdateProductVariantDocument,
} from './__generated__/graphql';

/** Each variant/option mutation's argument types, read from the schema so the variables match it exactly. */
const mutationArgs: Record<string, Record<string, string>> = (() => {
  const sdl = parse(readFileSync(new URL('../src/schema.graphql', import.meta.url), 'utf8'));
  const mutation = sdl.definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation')!;
  return Object.fromEntries(
    mutation.fields!.map((field) => [field.name.value, Object.fromEntries((field.arguments ?? []).map((arg) => [arg.name.value, print(arg.type)]))]),
  );
})();

const long = (length: number) => 'x'.repeat(length);
const money = (amount: number, currency = 'EUR') => ({ amount, currency });

/**
 * Bad input to every option and variant mutation, each sent once with its arguments inline
 * (literals) and once as variables: each is refused with its typed error and field, and nothing
 * is written (same state and version, no product.updated event).
 */
describe.each(sqlBackends)('bad input to option and variant mutations on %s', (backend) => {
  let shop: ProductsTestShop;
  let categoryId: string;

  beforeAll(async () => {
    shop = await productsTestShop(backend, 'variant-bad-input');
    categoryId = (await shop.client.createCategory({ name: 'Shirts' }))!.id;
  });
  afterAll(() => shop?.stop());

  const state = async (id: string): Promise<Data> => (await shop.harness.call(ProductStateByIdDocument, { id }, admin)).data!.product!;

  /**
   * Runs a mutation with its arguments as variables or inline; raw on purpose, since the test is
   * that a literal and a variable are refused alike (the variables form mirrors the literal one).
   * The payload's errors as [code, field], or the GraphQL error codes.
   */
  async function attempt(field: string, args: Record<string, unknown>, form: 'variables' | 'literal'): Promise<unknown> {
    const types = mutationArgs[field]!;
    const names = Object.keys(args);
    const operation =
      form === 'variables'
        ? `mutation(${names.map((name) => `$${name}: ${types[name]}`).join(', ')}) { ${field}(${names.map((name) => `${name}: $${name}`).join(', ')}) { ${ERRORS} } }`
        : `mutation { ${field}(${names.map((name) => `${name}: ${graphqlLiteral(args[name])}`).join(', ')}) { ${ERRORS} } }`;
    const result = await shop.client.call(operation, form === 'variables' ? args : {}, admin);
    if (result.errors) return { graphqlErrors: result.errors.map((error) => error.extensions?.code) };
    return (result.data![field].errors as Data[]).map((error) => [error.code, error.field]);
  }

  /** Runs a setup mutation that must succeed; its product. */
  const ok = async <TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<Data> => {
    const result = await shop.harness.call(document, variables, admin);
    const payload = Object.values(result.data ?? {})[0] as Data | undefined;
    expect(payload?.errors, JSON.stringify(result)).toEqual([]);
    return payload!.product;
  };

  /** A product with the given options, every combination generated as a variant. */
  async function productWith(options: Array<[string, string[]]>): Promise<Data> {
    const skuPrefix = unique('P').toUpperCase();
    const product = await shop.client.createProduct(categoryId, { sku: skuPrefix, price: money(2500) });
    for (const [name, values] of options) await ok(AddProductOptionDocument, { productId: product.id, input: { name, values } });
    return ok(GenerateProductVariantsDocument, { productId: product.id, input: { skuPrefix, price: money(2500) } });
  }

  /** Waits for a write of weightGrams on the product's first variant to be published: every earlier event of it has arrived. */
  async function barrier(product: Data, weightGrams: number): Promise<void> {
    const variant = product.variants[0];
    await ok(UpdateProductVariantDocument, { id: variant.id, input: { weightGrams } });
    await eventually(() =>
      shop.events.find(
        (e) => e.aggregateId === product.id && e.type === productUpdated.type && productUpdated.parse(e).data.variants?.[0]?.weightGrams === weightGrams,
      ),
    );
  }

  it('refuses each with its typed error, as literals and as variables, and writes nothing', async () => {
    const shirt = await productWith([
      ['Size', ['S', 'M', 'L']],
      ['Colour', ['Rust', 'Olive']],
    ]);
    const other = await productWith([['Size', ['S', 'M']]]);
    const full = await productWith(['A', 'B', 'C', 'D', 'E'].map((name) => [name, [`${name}1`]]));
    // 50 x 5 = 250 variants, then option A grows to 100 values: no room for a variant or a value.
    const wideValues = Array.from({ length: 100 }, (_, i) => `w${i}`);
    let wide = await productWith([
      ['Width', wideValues.slice(0, 50)],
      ['Length', ['l1', 'l2', 'l3', 'l4', 'l5']],
    ]);
    wide = await ok(AddProductOptionValuesDocument, { productId: wide.id, optionId: wide.options[0].id, values: wideValues.slice(50) });
    expect([wide.variants.length, wide.options[0].values.length]).toEqual([250, 100]);
    const fixtures = [shirt, other, full, wide];
    for (const [i, product] of fixtures.entries()) await barrier(product, i + 1);
    const before = await Promise.all(fixtures.map((product) => state(product.id)));
    const seen = shop.events.length;

    const [size, colour] = before[0]!.options as [Data, Data];
    const [mRust, mOlive] = [before[0]!.variants[2], before[0]!.variants[3]];
    const stale = { expectedVersion: before[0]!.version - 1 };
    const productId = shirt.id;
    const cases: Array<[string, Record<string, unknown>, unknown]> = [
      ['addProductOption', { productId: randomUUID(), input: { name: 'Fit', values: ['Slim'] } }, [['NOT_FOUND', 'productId']]],
      ['addProductOption', { productId: full.id, input: { name: 'F', values: ['F1'] } }, [['LIMIT_EXCEEDED', 'options']]],
      ['addProductOption', { productId, input: { name: long(101), values: ['Slim'] } }, [['INVALID_FIELD', 'name']]],
      ['addProductOption', { productId, input: { name: 'Fit', values: [long(101)] } }, [['INVALID_FIELD', 'values']]],
      ['addProductOption', { productId, input: { name: 'Fit', values: [] } }, [['INVALID_FIELD', 'values']]],
      ['addProductOption', { productId, input: { name: 'Fit', values: ['Slim', 'SLIM'] } }, [['DUPLICATE_OPTION', 'values']]],
      ['addProductOption', { productId, input: { name: 'Fit', values: ['Slim'] }, ...stale }, [['VERSION_CONFLICT', 'expectedVersion']]],
      ['updateProductOption', { productId: randomUUID(), optionId: size.id, input: { name: 'Fit' } }, [['NOT_FOUND', 'productId']]],
      ['updateProductOption', { productId, optionId: size.id, input: { name: long(101) } }, [['INVALID_FIELD', 'name']]],
      ['updateProductOption', { productId, optionId: size.id, input: { name: '  ' } }, [['INVALID_FIELD', 'name']]],
      ['updateProductOption', { productId, optionId: size.id, input: { name: 'Fit' }, ...stale }, [['VERSION_CONFLICT', 'expectedVersion']]],
      ['deleteProductOption', { productId, optionId: randomUUID() }, [['UNKNOWN_OPTION', 'optionId']]],
      ['deleteProductOption', { productId, optionId: other.options[0].id }, [['UNKNOWN_OPTION', 'optionId']]],
      ['deleteProductOption', { productId: randomUUID(), optionId: size.id }, [['NOT_FOUND', 'productId']]],
      ['deleteProductOption', { productId, optionId: size.id, ...stale }, [['VERSION_CONFLICT', 'expectedVersion']]],
      ['addProductOptionValues', { productId, optionId: randomUUID(), values: ['XL'] }, [['UNKNOWN_OPTION', 'optionId']]],
      ['addProductOptionValues', { productId, optionId: size.id, values: ['m'] }, [['DUPLICATE_OPTION', 'values']]],
      ['addProductOptionValues', { productId, optionId: size.id, values: [long(101)] }, [['INVALID_FIELD', 'values']]],
      ['addProductOptionValues', { productId, optionId: size.id, values: [] }, [['INVALID_FIELD', 'values']]],
      ['addProductOptionValues', { productId: wide.id, optionId: wide.options[0].id, values: ['w100'] }, [['LIMIT_EXCEEDED', 'values']]],
      ['addProductOption', { productId, input: { name: 'Fit', values: wideValues.concat('w100') } }, [['LIMIT_EXCEEDED', 'values']]],
      ['addProductOptionValues', { productId, optionId: size.id, values: wideValues.concat('w100') }, [['LIMIT_EXCEEDED', 'values']]],
      [
        'createProductVariant',
        { productId, input: { sku: unique('V'), optionValues: wideValues.concat('w100').map((value) => ({ option: 'Size', value })), price: money(1) } },
        [['LIMIT_EXCEEDED', 'optionValues']],
      ],
      ['reorderProductVariants', { productId, variantIds: Array.from({ length: 251 }, () => randomUUID()) }, [['LIMIT_EXCEEDED', 'variantIds']]],
      ['updateProductVariant', { id: mRust.id, input: { sku: other.variants[1].sku } }, [['DUPLICATE_SKU', 'sku']]],
      ['addProductOptionValues', { productId, optionId: size.id, values: ['XL'], ...stale }, [['VERSION_CONFLICT', 'expectedVersion']]],
      ['updateProductOptionValue', { productId, optionId: size.id, valueId: size.values[1].id, name: 's' }, [['DUPLICATE_OPTION', 'name']]],
      ['updateProductOptionValue', { productId, optionId: randomUUID(), valueId: size.values[1].id, name: 'XL' }, [['UNKNOWN_OPTION', 'optionId']]],
      ['updateProductOptionValue', { productId, optionId: size.id, valueId: colour.values[0].id, name: 'XL' }, [['UNKNOWN_OPTION_VALUE', 'valueId']]],
      ['updateProductOptionValue', { productId, optionId: size.id, valueId: size.values[1].id, name: long(101) }, [['INVALID_FIELD', 'name']]],
      [
        'updateProductOptionValue',
        { productId, optionId: size.id, valueId: size.values[1].id, name: 'XL', ...stale },
        [['VERSION_CONFLICT', 'expectedVersion']],
      ],
      ['deleteProductOptionValue', { productId, optionId: size.id, valueId: randomUUID() }, [['UNKNOWN_OPTION_VALUE', 'valueId']]],
      ['deleteProductOptionValue', { productId, optionId: randomUUID(), valueId: size.values[0].id }, [['UNKNOWN_OPTION', 'optionId']]],
      ['deleteProductOptionValue', { productId, optionId: size.id, valueId: size.values[0].id, ...stale }, [['VERSION_CONFLICT', 'expectedVersion']]],
      ['createProductVariant', { productId: randomUUID(), input: { sku: unique('V'), price: money(1) } }, [['NOT_FOUND', 'productId']]],
      [
        'createProductVariant',
        {
          productId,
          input: {
            sku: long(65),
            optionValues: [
              { option: 'Size', value: 'S' },
              { option: 'Colour', value: 'Rust' },
            ],
            price: money(1),
          },
        },
        [['INVALID_FIELD', 'sku']],
      ],
      [
        'createProductVariant',
        {
          productId,
          input: {
            sku: unique('V'),
            optionValues: [
              { option: 'Fit', value: 'Slim' },
              { option: 'Colour', value: 'Rust' },
            ],
            price: money(1),
          },
        },
        [['UNKNOWN_OPTION_VALUE', 'optionValues']],
      ],
      [
        'createProductVariant',
        {
          productId,
          input: {
            sku: unique('V'),
            optionValues: [
              { option: 'Size', value: 'S' },
              { option: 'size', value: 'M' },
            ],
            price: money(1),
          },
        },
        [['MISSING_OPTION_VALUE', 'optionValues']],
      ],
      ['createProductVariant', { productId, input: { sku: unique('V'), optionValues: [], price: money(1) } }, [['MISSING_OPTION_VALUE', 'optionValues']]],
      [
        'createProductVariant',
        {
          productId: wide.id,
          input: {
            sku: unique('V'),
            optionValues: [
              { option: 'Width', value: 'w99' },
              { option: 'Length', value: 'l1' },
            ],
            price: money(1),
          },
        },
        [['LIMIT_EXCEEDED', 'variants']],
      ],
      [
        'createProductVariant',
        {
          productId,
          input: {
            sku: unique('V'),
            optionValues: [
              { option: 'Size', value: 'S' },
              { option: 'Colour', value: 'Rust' },
            ],
            price: money(1),
          },
          ...stale,
        },
        [['VERSION_CONFLICT', 'expectedVersion']],
      ],
      [
        'updateProductVariant',
        {
          id: mRust.id,
          input: {
            optionValues: [
              { option: 'Size', value: 'M' },
              { option: 'Colour', value: 'Olive' },
            ],
          },
        },
        [['DUPLICATE_COMBINATION', 'optionValues']],
      ],
      [
        'updateProductVariant',
        {
          id: mRust.id,
          input: {
            optionValues: [
              { option: 'Size', value: 'XXL' },
              { option: 'Colour', value: 'Olive' },
            ],
          },
        },
        [['UNKNOWN_OPTION_VALUE', 'optionValues']],
      ],
      ['updateProductVariant', { id: mRust.id, input: { optionValues: [{ option: 'Size', value: 'M' }] } }, [['MISSING_OPTION_VALUE', 'optionValues']]],
      ['updateProductVariant', { id: mRust.id, input: { sku: long(65) } }, [['INVALID_FIELD', 'sku']]],
      ['updateProductVariant', { id: mRust.id, input: { images: [{ url: `https://example.com/${long(2048)}` }] } }, [['INVALID_FIELD', 'images']]],
      ['updateProductVariant', { id: mRust.id, input: { sku: mOlive.sku } }, [['DUPLICATE_SKU', 'sku']]],
      ['updateProductVariant', { id: mRust.id, input: { published: false }, ...stale }, [['VERSION_CONFLICT', 'expectedVersion']]],
      ['deleteProductVariant', { id: mRust.id, ...stale }, [['VERSION_CONFLICT', 'expectedVersion']]],
      [
        'reorderProductVariants',
        { productId, variantIds: [...before[0]!.variants.slice(1).map((v: Data) => v.id), other.variants[0].id] },
        [['INVALID_FIELD', 'variantIds']],
      ],
      [
        'reorderProductVariants',
        { productId, variantIds: [...before[0]!.variants.slice(1).map((v: Data) => v.id), mRust.id] },
        [['INVALID_FIELD', 'variantIds']],
      ],
      ['reorderProductVariants', { productId: randomUUID(), variantIds: [mRust.id] }, [['NOT_FOUND', 'productId']]],
      [
        'reorderProductVariants',
        { productId, variantIds: before[0]!.variants.map((v: Data) => v.id).reverse(), ...stale },
        [['VERSION_CONFLICT', 'expectedVersion']],
      ],
      ['generateProductVariants', { productId: randomUUID(), input: { skuPrefix: 'G', price: money(1) } }, [['NOT_FOUND', 'productId']]],
      ['generateProductVariants', { productId, input: { skuPrefix: long(33), price: money(1) } }, [['INVALID_FIELD', 'skuPrefix']]],
      ['generateProductVariants', { productId: wide.id, input: { skuPrefix: 'G', price: money(1) } }, [['LIMIT_EXCEEDED', 'variants']]],
      ['generateProductVariants', { productId, input: { skuPrefix: 'G', price: money(1) }, ...stale }, [['VERSION_CONFLICT', 'expectedVersion']]],
    ];
    for (const [field, args, expected] of cases) {
      for (const form of ['variables', 'literal'] as const) {
        expect([field, form, args, await attempt(field, args, form)]).toEqual([field, form, args, expected]);
      }
    }

    expect(await Promise.all(fixtures.map((product) => state(product.id)))).toEqual(before);
    for (const [i, product] of fixtures.entries()) await barrier(product, 10 + i);
    const published = shop.events.slice(seen).filter((e) => fixtures.some((product) => product.id === e.aggregateId));
    expect(published.map((e) => [e.aggregateId, productUpdated.parse(e).data.variants?.[0]?.weightGrams])).toEqual(
      fixtures.map((product, i) => [product.id, 10 + i]),
    );
  });
});
