export { searchModule, DEFAULT_CACHE_TTL_SECONDS, type SearchConfig } from './subgraph';
