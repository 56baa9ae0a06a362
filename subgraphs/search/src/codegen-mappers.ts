/** What resolvers return for each GraphQL type (codegen maps `<Name>` to `<Name>Model`). */
import type { SearchResult } from './services/search.service';

export type SearchResultModel = SearchResult;
/** Owned by the products subgraph: search only ever holds the id. */
export type ProductModel = { id: string };
/** Owned by the products subgraph: search only ever holds the id. */
export type CategoryModel = { id: string };
