export { ratingsModule, type RatingsConfig } from './subgraph';
