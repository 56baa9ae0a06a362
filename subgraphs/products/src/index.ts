export { embeddedProductsConfig, productsModule, type ProductsConfig } from './subgraph';
export type { ProductsCatalogConfig } from './products';
