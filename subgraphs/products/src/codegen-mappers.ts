/** What resolvers return for each GraphQL type (codegen maps `<Name>` to `<Name>Model`). */
export type { Product as ProductModel, Category as CategoryModel } from '@shop/catalog';
export type { ProductConnection as ProductConnectionModel } from './services/product-connection';
export type { ProductResult as ProductPayloadModel, DeleteProductResult as DeleteProductPayloadModel } from './services/product-admin.service';
export type { CategoryResult as CategoryPayloadModel } from './services/category-admin.service';
export type { ProductVariantModel, ProductOptionModel } from './services/variant-models';
export type { VariantResult as ProductVariantPayloadModel } from './services/variant-admin.service';
