import { randomUUID } from 'node:crypto';
import { CatalogValidationError } from './catalog-errors';
import type { Money, Product } from './catalog-model';
import type { ValidProductChange } from './variant-input';
import { applyOptionChange, fail, fold, insertAt, type VariantState } from './option-rules';
import { MAX_OPTION_VALUES, MAX_OPTIONS, MAX_VARIANTS, type PriceRange, type ProductOption, type ProductVariant } from './variant-model';

export type { VariantState } from './option-rules';

/**
 * The rules of options and variants, as pure functions over a product, so both adapters apply
 * exactly the same ones: each adapter reads the product, applies the change here and writes the
 * result back atomically (or refuses it whole).
 */

/** The "from" price: the lowest published variant price (the lowest of all when none is published). */
export function fromPrice(variants: readonly ProductVariant[]): Money {
  return priceRange(variants).min;
}

/** Lowest and highest price over the published variants (over all when none is published). */
export function priceRange(variants: readonly ProductVariant[]): PriceRange {
  const published = variants.filter((variant) => variant.published);
  const counted = published.length > 0 ? published : variants;
  const amounts = counted.map((variant) => variant.price);
  const min = amounts.reduce((a, b) => (b.amount < a.amount ? b : a));
  const max = amounts.reduce((a, b) => (b.amount > a.amount ? b : a));
  return { min: { ...min }, max: { ...max } };
}

/** The product-level mirrors of its variants: `sku` is the first variant's, `price` the "from" price. */
export const derivedFields = (variants: readonly ProductVariant[]): { sku: string; price: Money } => ({ sku: variants[0]!.sku, price: fromPrice(variants) });

/** What a product that never had variants (stored before variants existed) has: one default variant with its id. */
export function defaultVariant(product: { id: string; sku: string; price: Money }): ProductVariant {
  return {
    id: product.id,
    sku: product.sku,
    optionValueIds: [],
    price: { ...product.price },
    compareAtPrice: null,
    images: [],
    published: true,
    weightGrams: null,
  };
}

function variantIndex(state: VariantState, variantId: string): number {
  const index = state.variants.findIndex((variant) => variant.id === variantId);
  return index >= 0 ? index : fail('UNKNOWN_VARIANT', 'variantId', `No variant of the product has id ${variantId}`);
}

/** Value ids in option order for names like `[{ option: 'Size', value: 'M' }]`. */
function resolveValues(options: readonly ProductOption[], refs: ReadonlyArray<{ option: string; value: string }>): string[] {
  const byOption = new Map<string, string>();
  for (const ref of refs) {
    const option = options.find((candidate) => fold(candidate.name) === fold(ref.option));
    if (!option) fail('UNKNOWN_OPTION_VALUE', 'optionValues', `The product has no option ${JSON.stringify(ref.option)}`);
    if (byOption.has(option!.id)) fail('MISSING_OPTION_VALUE', 'optionValues', `Option ${JSON.stringify(option!.name)} is given twice`);
    const value = option!.values.find((candidate) => fold(candidate.name) === fold(ref.value));
    if (!value) fail('UNKNOWN_OPTION_VALUE', 'optionValues', `Option ${JSON.stringify(option!.name)} has no value ${JSON.stringify(ref.value)}`);
    byOption.set(option!.id, value!.id);
  }
  return options.map(
    (option) => byOption.get(option.id) ?? fail('MISSING_OPTION_VALUE', 'optionValues', `A value for option ${JSON.stringify(option.name)} is missing`),
  );
}

function cartesian(options: readonly ProductOption[]): string[][] {
  return options.reduce<string[][]>((combos, option) => combos.flatMap((combo) => option.values.map((value) => [...combo, value.id])), [[]]);
}

function generatedSku(prefix: string, names: readonly string[]): string {
  const sku = [prefix, ...names].join('-').replace(/\s+/g, '-').toUpperCase();
  if (sku.length > 64)
    throw new CatalogValidationError('product change', [{ path: 'skuPrefix', message: `generated sku ${sku} is longer than 64 characters` }]);
  return sku;
}

/** Applies one change; throws `CatalogVariantError` / `CatalogValidationError` for a refused one. */
export function applyProductChange(state: VariantState, change: ValidProductChange): VariantState {
  const { options, variants } = state;
  switch (change.kind) {
    case 'addOption':
    case 'updateOption':
    case 'deleteOption':
    case 'addOptionValues':
    case 'updateOptionValue':
    case 'deleteOptionValue':
      return applyOptionChange(state, change);
    case 'createVariant': {
      const { position, optionValues, id, ...fields } = change.variant;
      const variant: ProductVariant = { ...fields, id: id ?? randomUUID(), optionValueIds: resolveValues(options, optionValues) };
      return { options, variants: insertAt(variants, variant, position) };
    }
    case 'updateVariant': {
      const index = variantIndex(state, change.variantId);
      const { optionValues, ...fields } = change.patch;
      const current = variants[index]!;
      const updated = { ...current, ...fields, ...(optionValues ? { optionValueIds: resolveValues(options, optionValues) } : {}) };
      return { options, variants: variants.map((variant, i) => (i === index ? updated : variant)) };
    }
    case 'deleteVariant': {
      const index = variantIndex(state, change.variantId);
      if (variants.length === 1) fail('LAST_VARIANT', 'variantId', 'A product keeps at least one variant; delete the product instead');
      return { options, variants: variants.filter((_, i) => i !== index) };
    }
    case 'reorderVariants': {
      const byId = new Map(variants.map((variant) => [variant.id, variant]));
      const ordered = change.variantIds.flatMap((id) => byId.get(id) ?? []);
      if (new Set(change.variantIds).size !== variants.length || ordered.length !== variants.length || change.variantIds.length !== variants.length) {
        throw new CatalogValidationError('product change', [{ path: 'variantIds', message: 'must list every variant of the product exactly once' }]);
      }
      return { options, variants: ordered };
    }
    case 'generateVariants': {
      const total = options.reduce((n, option) => n * option.values.length, 1);
      if (total > MAX_VARIANTS) fail('LIMIT_EXCEEDED', 'variants', `${total} combinations exceed the ${MAX_VARIANTS} variants a product may have`);
      const existing = new Set(variants.map((variant) => variant.optionValueIds.join(',')));
      const names = new Map(options.flatMap((option) => option.values.map((value) => [value.id, value.name] as const)));
      const added = cartesian(options)
        .filter((combo) => !existing.has(combo.join(',')))
        .map((combo): ProductVariant => ({
          id: randomUUID(),
          sku: generatedSku(
            change.skuPrefix,
            combo.map((id) => names.get(id)!),
          ),
          optionValueIds: combo,
          price: { ...change.price },
          compareAtPrice: null,
          images: [],
          published: change.published,
          weightGrams: null,
        }));
      return { options, variants: [...variants, ...added] };
    }
  }
}

/** What must hold after every change, whatever the change was. */
export function assertVariantInvariants({ options, variants }: VariantState): void {
  if (options.length > MAX_OPTIONS) fail('LIMIT_EXCEEDED', 'options', `A product has at most ${MAX_OPTIONS} options`);
  for (const option of options) {
    if (option.values.length > MAX_OPTION_VALUES) fail('LIMIT_EXCEEDED', 'values', `An option has at most ${MAX_OPTION_VALUES} values`);
  }
  if (variants.length > MAX_VARIANTS) fail('LIMIT_EXCEEDED', 'variants', `A product has at most ${MAX_VARIANTS} variants`);
  if (variants.length === 0) fail('LAST_VARIANT', 'variantId', 'A product keeps at least one variant');
  const combinations = new Set<string>();
  const skus = new Set<string>();
  const currency = variants[0]!.price.currency;
  for (const variant of variants) {
    const combination = variant.optionValueIds.join(',');
    if (combinations.has(combination)) fail('DUPLICATE_COMBINATION', 'optionValues', 'Another variant of the product has the same option values');
    combinations.add(combination);
    if (skus.has(variant.sku)) fail('DUPLICATE_SKU', 'sku', `Two variants of the product would have sku ${JSON.stringify(variant.sku)}`);
    skus.add(variant.sku);
    for (const price of [variant.price, variant.compareAtPrice]) {
      if (price && price.currency !== currency) fail('MIXED_CURRENCY', 'price', `Every price of the product is in ${currency}`);
    }
  }
}

/** `updateProduct`'s product-level sku and price: they are the only variant's, so several variants refuse them. */
export function applyProductLevelFields(state: VariantState, patch: { sku?: string; price?: Money }): VariantState {
  if (patch.sku === undefined && patch.price === undefined) return state;
  if (state.variants.length !== 1)
    fail('VARIANT_REQUIRED', patch.sku !== undefined ? 'sku' : 'price', 'The product has several variants: change the sku or price of one of them');
  const [only] = state.variants;
  const compareAtPrice = patch.price && only!.compareAtPrice && only!.compareAtPrice.currency !== patch.price.currency ? null : only!.compareAtPrice;
  return {
    options: state.options,
    variants: [{ ...only!, ...(patch.sku !== undefined ? { sku: patch.sku } : {}), ...(patch.price ? { price: patch.price } : {}), compareAtPrice }],
  };
}

/** The product as a change leaves it (mirrors included), or the very same object for a change that changes nothing. */
export function withVariants(product: Product, next: VariantState): Product {
  if (JSON.stringify({ o: product.options, v: product.variants }) === JSON.stringify({ o: next.options, v: next.variants })) return product;
  assertVariantInvariants(next);
  return { ...product, ...next, ...derivedFields(next.variants) };
}
