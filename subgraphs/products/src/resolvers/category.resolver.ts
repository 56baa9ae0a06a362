import { selectsField } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { CategoryAdminService } from '../services/category-admin.service';
import type { CategoryReader } from '../services/category-reader.service';
import type { ProductReader } from '../services/product-reader.service';

export function categoryResolvers(categories: CategoryReader, products: ProductReader, admin: CategoryAdminService): Resolvers {
  return {
    Category: {
      __resolveReference: (ref, context) => categories.byId(context, ref.id),
      parent: (category, _args, context) => (category.parentId ? categories.byId(context, category.parentId) : null),
      children: (category, _args, context) => categories.children(context, category.id),
      products: (category, args, context, info) => products.listInCategory(context, category.id, { ...args, countTotal: selectsField(info, 'totalCount') }),
    },
    Query: {
      categories: (_parent, _args, context) => categories.tree(context),
      category: (_parent, args, context) => categories.category(context, args),
    },
    Mutation: {
      createCategory: (_parent, { input }, context) =>
        admin.create(context, { slug: input.slug, name: input.name, parentId: input.parentId ?? null, position: input.position ?? 0 }),
      updateCategory: (_parent, { id, input }, context) => admin.update(context, id, input),
    },
  };
}
