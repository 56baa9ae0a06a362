import { priceRange, type NewVariant, type VariantPatch } from '@shop/catalog';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { ProductReader } from '../services/product-reader.service';
import type { VariantAdminService } from '../services/variant-admin.service';
import { optionModels, optionValuesOf, visibleVariants } from '../services/variant-models';

// Option and value ids are checked by the catalog (a malformed one is INVALID_FIELD with its field).
/** Optional fields sent as null are left out, except those where null means "clear it". */
const withoutNulls = <T>(input: object, clearable: readonly string[] = []): T =>
  Object.fromEntries(Object.entries(input).filter(([key, value]) => value !== null || clearable.includes(key))) as T;

export function variantResolvers(products: ProductReader, admin: VariantAdminService): Resolvers {
  return {
    Product: {
      options: (product) => optionModels(product),
      variants: (product, _args, context) => visibleVariants(context, product),
      variant: (product, { sku }, context) => visibleVariants(context, product).find((variant) => variant.sku === sku) ?? null,
      priceRange: (product) => priceRange(product.variants),
    },
    ProductVariant: {
      __resolveReference: (ref, context) => products.variantById(context, ref.id),
      optionValues: (variant) => optionValuesOf(variant),
    },
    Mutation: {
      addProductOption: (_parent, { productId, input, expectedVersion }, context) =>
        admin.change(
          context,
          productId,
          { kind: 'addOption', name: input.name, values: input.values, ...(input.position != null ? { position: input.position } : {}) },
          expectedVersion,
        ),
      updateProductOption: (_parent, { productId, optionId, input, expectedVersion }, context) =>
        admin.change(context, productId, { kind: 'updateOption', optionId: optionId, ...withoutNulls<object>(input) }, expectedVersion),
      deleteProductOption: (_parent, { productId, optionId, expectedVersion }, context) =>
        admin.change(context, productId, { kind: 'deleteOption', optionId: optionId }, expectedVersion),
      addProductOptionValues: (_parent, { productId, optionId, values, expectedVersion }, context) =>
        admin.change(context, productId, { kind: 'addOptionValues', optionId: optionId, values }, expectedVersion),
      updateProductOptionValue: (_parent, { productId, optionId, valueId, name, expectedVersion }, context) =>
        admin.change(context, productId, { kind: 'updateOptionValue', optionId: optionId, valueId: valueId, name }, expectedVersion),
      deleteProductOptionValue: (_parent, { productId, optionId, valueId, expectedVersion }, context) =>
        admin.change(context, productId, { kind: 'deleteOptionValue', optionId: optionId, valueId: valueId }, expectedVersion),
      createProductVariant: (_parent, { productId, input, expectedVersion }, context) =>
        admin.createVariant(context, productId, withoutNulls<NewVariant>(input), expectedVersion),
      updateProductVariant: (_parent, { id, input, expectedVersion }, context) =>
        admin.updateVariant(context, id, withoutNulls<VariantPatch>(input, ['compareAtPrice', 'weightGrams']), expectedVersion),
      deleteProductVariant: (_parent, { id, expectedVersion }, context) => admin.deleteVariant(context, id, expectedVersion),
      reorderProductVariants: (_parent, { productId, variantIds, expectedVersion }, context) => admin.reorder(context, productId, variantIds, expectedVersion),
      generateProductVariants: (_parent, { productId, input, expectedVersion }, context) =>
        admin.change(
          context,
          productId,
          { kind: 'generateVariants', skuPrefix: input.skuPrefix, price: input.price, published: input.published ?? true },
          expectedVersion,
        ),
    },
  };
}
