export { embeddedProductsConfig, productsModule, type ProductsCatalogConfig, type ProductsConfig } from './subgraph';
