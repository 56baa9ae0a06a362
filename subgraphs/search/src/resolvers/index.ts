import { mergeResolvers } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { SearchService } from '../services/search.service';
import { searchResolvers } from './search.resolver';

export function resolvers(services: { search: SearchService }): Resolvers {
  return mergeResolvers<Resolvers>(searchResolvers(services.search));
}
