export { favouritesModule, type FavouritesConfig } from './subgraph';
export { createFavourites, type Favourites } from './favourites';
