import { DateTimeScalar } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { CategoryAdminService } from '../services/category-admin.service';
import type { CategoryReader } from '../services/category-reader.service';
import type { ProductAdminService } from '../services/product-admin.service';
import type { ProductReader } from '../services/product-reader.service';
import { categoryResolvers } from './category.resolver';
import { productResolvers } from './product.resolver';
import { variantResolvers } from './variant.resolver';
import type { VariantAdminService } from '../services/variant-admin.service';

export interface ProductsServices {
  products: ProductReader;
  categories: CategoryReader;
  productAdmin: ProductAdminService;
  categoryAdmin: CategoryAdminService;
  variantAdmin: VariantAdminService;
}

export function resolvers(services: ProductsServices): Resolvers {
  const product = productResolvers(services.products, services.categories, services.productAdmin);
  const category = categoryResolvers(services.categories, services.products, services.categoryAdmin);
  const variant = variantResolvers(services.products, services.variantAdmin);
  return {
    DateTime: DateTimeScalar,
    Product: { ...product.Product, ...variant.Product },
    ProductVariant: variant.ProductVariant,
    Category: category.Category,
    Query: { ...product.Query, ...category.Query },
    Mutation: { ...product.Mutation, ...category.Mutation, ...variant.Mutation },
  };
}
