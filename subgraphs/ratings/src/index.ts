export { ratingsModule, type RatingsConfig } from './subgraph';
export { createRatings, type Ratings } from './ratings';
