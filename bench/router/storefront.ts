/**
 * The storefront workload: the page of 20 products with fields from products, inventory,
 * ratings and favourites, over the demo shop that scripts/seed/seed-shop.ts builds through the
 * router's public mutations (admin: categories, ~300 products, stock; demo customers: reviews,
 * wishlists; tax rates, promotions).
 */
import { seedShop } from '../../scripts/seed/seed-shop';
import { storefrontQuery, type Workload } from './workload';

interface StorefrontNode {
  stock: number;
  reviewCount: number;
  favouriteCount: number;
}

export const storefrontWorkload: Workload = {
  name: 'storefront (scripts/seed/seed-shop.ts: the demo shop)',
  query: storefrontQuery,

  async seed(routerUrl, admin) {
    try {
      const summary = await seedShop(routerUrl, admin);
      console.log(`seeded: ${JSON.stringify(summary)}`);
    } catch (error) {
      // Its last steps (tax rates, promotions) are not on the page; `check` decides whether the
      // page has what it needs, so a subgraph still missing from the supergraph does not stop the run.
      console.warn(`seedShop did not finish (${error instanceof Error ? error.message : String(error)}); the page check decides`);
    }
  },

  /** The page must show what was seeded, from every subgraph, before anything is measured. */
  check(data) {
    const edges = (data as { products?: { edges?: Array<{ node: StorefrontNode }> } }).products?.edges ?? [];
    const nodes = edges.map((e) => e.node);
    if (nodes.length !== 20) return `expected 20 products, got ${nodes.length}`;
    if (!nodes.some((n) => n.stock > 0)) return 'no product on the page has stock (yet)';
    if (!nodes.some((n) => n.reviewCount > 0)) return 'no product on the page has reviews (yet)';
    if (!nodes.some((n) => n.favouriteCount > 0)) return 'no product on the page is on a wishlist (yet)';
    return undefined;
  },
};
