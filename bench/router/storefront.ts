/**
 * The storefront workloads: the page of 20 products with fields from products, inventory,
 * ratings and favourites, plain and with every product's variants (issue 13), over the demo shop
 * that scripts/seed/seed-shop.ts builds through the router's public mutations (admin: categories,
 * ~300 products with variants, stock; demo customers: reviews, wishlists; tax rates, promotions).
 */
import { seedShop } from '../../scripts/seed/seed-shop';
import { categoryPageQuery, storefrontQuery, storefrontVariantsQuery, type Workload } from './workload';

interface StorefrontNode {
  stock: number;
  reviewCount: number;
  favouriteCount: number;
  variants?: Array<{ stock: number }>;
}

const nodesOf = (data: unknown): StorefrontNode[] =>
  ((data as { products?: { edges?: Array<{ node: StorefrontNode }> } }).products?.edges ?? []).map((e) => e.node);

/** The page must show what was seeded, from every subgraph, before anything is measured. */
function checkPage(nodes: StorefrontNode[]): string | undefined {
  if (nodes.length !== 20) return `expected 20 products, got ${nodes.length}`;
  if (!nodes.some((n) => n.stock > 0)) return 'no product on the page has stock (yet)';
  if (!nodes.some((n) => n.reviewCount > 0)) return 'no product on the page has reviews (yet)';
  if (!nodes.some((n) => n.favouriteCount > 0)) return 'no product on the page is on a wishlist (yet)';
  return undefined;
}

export const storefrontWorkload: Workload = {
  name: 'newest',
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

  check: (data) => checkPage(nodesOf(data)),
};

/** The jackets category page without variants: what storefrontVariantsWorkload is compared with. */
export const categoryPageWorkload: Workload = { ...storefrontWorkload, name: 'plain', query: categoryPageQuery };

/** The jackets page with variants; seeded by storefrontWorkload (the same shop). */
export const storefrontVariantsWorkload: Workload = {
  name: 'variants',
  query: storefrontVariantsQuery,
  seed: storefrontWorkload.seed,
  check(data) {
    const nodes = nodesOf(data);
    const complaint = checkPage(nodes);
    if (complaint) return complaint;
    if (!nodes.some((n) => (n.variants?.length ?? 0) > 1)) return 'no product on the page has more than one variant';
    if (!nodes.some((n) => n.variants?.some((v) => v.stock > 0))) return 'no variant on the page has stock';
    return undefined;
  },
  // merged-schema.ts hands an entity only its key fields, so promotions' `salePrice
  // @requires(fields: "price { amount currency }")` has no price on the floor.
  skip: { targets: ['floor'], reason: 'the floor (merged-schema.ts) does not support @requires (ProductVariant.salePrice)' },
};
