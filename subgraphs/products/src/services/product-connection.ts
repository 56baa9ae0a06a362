import { productCursor, type Product, type ProductPage, type ProductSort } from '@shop/catalog';

export interface ProductConnection {
  edges: Array<{ cursor: string; node: Product }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** `null` only when the listing was asked not to count (the operation does not select it). */
  totalCount: number | null;
}

/** A Relay connection from one page of the catalog (forward pagination only). */
export function toConnection(page: ProductPage, sort: ProductSort, after: string | null): ProductConnection {
  const edges = page.items.map((node) => ({ cursor: productCursor(node, sort), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.totalCount,
  };
}
