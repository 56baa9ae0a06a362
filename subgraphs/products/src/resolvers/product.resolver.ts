import { notFound, selectsField } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { CategoryReader } from '../services/category-reader.service';
import type { ProductAdminService } from '../services/product-admin.service';
import type { ProductReader } from '../services/product-reader.service';

export function productResolvers(products: ProductReader, categories: CategoryReader, admin: ProductAdminService): Resolvers {
  return {
    Product: {
      __resolveReference: (ref, context) => products.byId(context, ref.id),
      category: async (product, _args, context) => {
        const category = await categories.byId(context, product.categoryId);
        if (!category) throw notFound(`Category of product ${product.id} is missing`);
        return category;
      },
    },
    Query: {
      product: (_parent, args, context) => products.product(context, args),
      products: (_parent, args, context, info) => products.list(context, { ...args, countTotal: selectsField(info, 'totalCount') }),
    },
    Mutation: {
      createProduct: (_parent, { input }, context) => admin.create(context, withoutNulls(input)),
      updateProduct: (_parent, { id, input, expectedVersion }, context) => admin.update(context, id, input, expectedVersion),
      publishProduct: (_parent, { id }, context) => admin.setPublished(context, id, true),
      unpublishProduct: (_parent, { id }, context) => admin.setPublished(context, id, false),
      deleteProduct: (_parent, { id }, context) => admin.delete(context, id),
    },
  };
}

/** Optional create fields sent as null take their defaults. */
const withoutNulls = (input: object): Record<string, unknown> => Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null));
