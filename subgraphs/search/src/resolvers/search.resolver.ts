import type { Resolvers } from '../__generated__/resolvers-types';
import type { SearchService } from '../services/search.service';

export function searchResolvers(search: SearchService): Resolvers {
  return {
    Query: {
      search: (_parent, args) => search.search(args),
    },
    CategoryFacet: {
      category: (facet) => ({ id: facet.categoryId }),
    },
    Product: {
      // Search contributes no Product fields: a reference resolves to itself, with no query at all.
      __resolveReference: (reference) => ({ id: reference.id }),
    },
  };
}
