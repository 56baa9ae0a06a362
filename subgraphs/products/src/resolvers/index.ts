import { DateTimeScalar, mergeResolvers } from '@shop/subgraph-kit';
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
  return mergeResolvers<Resolvers>(
    { DateTime: DateTimeScalar },
    productResolvers(services.products, services.categories, services.productAdmin),
    categoryResolvers(services.categories, services.products, services.categoryAdmin),
    variantResolvers(services.products, services.variantAdmin),
  );
}
