import type { Product, ProductOption, ProductVariant } from '@shop/catalog';
import { hasRole, type SubgraphContext } from '@shop/subgraph-kit';

/** What `ProductVariant` resolvers get: the variant with its product (for `product`, `optionValues`) and its index. */
export interface ProductVariantModel extends ProductVariant {
  product: Product;
  position: number;
}

export interface ProductOptionModel extends ProductOption {
  position: number;
}

export interface VariantOptionValue {
  optionId: string;
  option: string;
  valueId: string;
  value: string;
}

export const variantModels = (product: Product): ProductVariantModel[] => product.variants.map((variant, position) => ({ ...variant, product, position }));

export const optionModels = (product: Product): ProductOptionModel[] => product.options.map((option, position) => ({ ...option, position }));

/** Admins see every variant; everyone else the published ones. */
export const visibleVariants = (context: SubgraphContext, product: Product): ProductVariantModel[] =>
  variantModels(product).filter((variant) => variant.published || hasRole(context, 'admin'));

/** The variant's value of each option of its product, in option order. */
export function optionValuesOf(variant: ProductVariantModel): VariantOptionValue[] {
  return variant.product.options.flatMap((option, index) => {
    const value = option.values.find((candidate) => candidate.id === variant.optionValueIds[index]);
    return value ? [{ optionId: option.id, option: option.name, valueId: value.id, value: value.name }] : [];
  });
}
