export { favouritesModule, type FavouritesConfig } from './subgraph';
