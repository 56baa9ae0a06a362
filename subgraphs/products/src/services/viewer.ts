import type { SubgraphContext } from '@shop/subgraph-kit';

/** Admins see unpublished products too; customers and anonymous callers never do. */
export const isAdmin = (context: SubgraphContext): boolean => context.viewer?.roles.includes('admin') === true;
