export type { CatalogStore } from './catalog-store';
export type { CatalogEventRelay, CatalogEventRelayOptions, ProductEvents, ProductWriteOptions } from './catalog-events';
export type {
  Category,
  CategoryPatch,
  ListProductsArgs,
  Money,
  NewCategory,
  NewProduct,
  Product,
  ProductAttribute,
  ProductFilter,
  ProductImage,
  ProductPage,
  ProductPatch,
  ProductSort,
} from './catalog-model';
export { productSorts } from './catalog-model';
export type { NewVariant, OptionValueRef, PriceRange, ProductChange, ProductOption, ProductOptionValue, ProductVariant, VariantPatch } from './variant-model';
export { MAX_OPTION_VALUES, MAX_OPTIONS, MAX_VARIANTS } from './variant-model';
export { defaultVariant, fromPrice, priceRange } from './variant-rules';
export { parseProductChange } from './variant-input';
export { cursorFor as productCursor } from './product-cursor';
export { MAX_AMOUNT, parseNewCategory, parseNewProduct, parseProductPatch, parseCategoryPatch } from './catalog-input';
export {
  CatalogConflictError,
  CatalogValidationError,
  CatalogVariantError,
  CatalogVersionConflictError,
  InvalidCategoryParentError,
  type VariantRuleCode,
  InvalidCursorError,
} from './catalog-errors';
export { MongoCatalogStore, type MongoCatalogStoreOptions } from './mongo-catalog-store';
export { PostgresCatalogStore } from './postgres-catalog-store';
export type { PostgresCatalogStoreOptions } from './postgres-catalog-options';
export { catalogTables, type CatalogTables, type CategoriesTable, type ProductDocument, type ProductsTable } from './postgres-tables';
export { createCatalogStore, type CatalogStoreConfig, type MongoCatalogConfig, type PostgresCatalogConfig } from './create-catalog-store';
