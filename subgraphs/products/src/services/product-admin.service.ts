import { CatalogValidationError, parseNewProduct, parseProductPatch, type CatalogStore, type NewProduct, type Product, type ProductPatch } from '@shop/catalog';
import { requireRole, requireUuid, type SubgraphContext } from '@shop/subgraph-kit';
import { failure, validationFailures, writeFailures, type CatalogFailure } from './catalog-errors';
import { productEvents } from './product-events';

export type ProductResult = { product: Product; errors: [] } | { product: null; errors: CatalogFailure[] };
export type DeleteProductResult = { deletedProductId: string; errors: [] } | { deletedProductId: null; errors: CatalogFailure[] };

const notFound = (): CatalogFailure => failure('NOT_FOUND', 'No product has this id', 'id');
const failed = (errors: CatalogFailure[]): { product: null; errors: CatalogFailure[] } => ({ product: null, errors });

/**
 * Admin writes to the catalog. Each write records its product event atomically (see
 * `CatalogStore`) and then wakes the relay, so events are published right after the write.
 */
export class ProductAdminService {
  constructor(
    private readonly catalog: CatalogStore,
    private readonly wakeRelay: () => void,
  ) {}

  /** `input` is checked against the catalog's rules here, so every broken rule is reported at once. */
  async create(context: SubgraphContext, input: unknown): Promise<ProductResult> {
    requireRole(context, 'admin');
    const checked = await this.check<NewProduct>(() => parseNewProduct(input as NewProduct));
    if ('errors' in checked) return failed(checked.errors);
    return this.write(() => this.catalog.createProduct(checked.value, { events: productEvents.created }));
  }

  async update(context: SubgraphContext, id: string, patch: unknown, expectedVersion?: number | null): Promise<ProductResult> {
    requireRole(context, 'admin');
    const productId = requireUuid(id);
    const checked = await this.check<ProductPatch>(() => parseProductPatch(patch));
    if ('errors' in checked) return failed(checked.errors);
    const events = { events: productEvents.updated };
    return this.write(() => this.catalog.updateProduct(productId, checked.value, expectedVersion ?? undefined, events));
  }

  /** Publishing a published product (or hiding a hidden one) changes nothing and records no event. */
  async setPublished(context: SubgraphContext, id: string, published: boolean): Promise<ProductResult> {
    requireRole(context, 'admin');
    const [current] = await this.catalog.getProducts([requireUuid(id)]);
    if (!current) return failed([notFound()]);
    if (current.published === published) return { product: current, errors: [] };
    return this.write(() => this.catalog.updateProduct(current.id, { published }, undefined, { events: productEvents.updated }));
  }

  async delete(context: SubgraphContext, id: string): Promise<DeleteProductResult> {
    requireRole(context, 'admin');
    const productId = requireUuid(id);
    if (!(await this.catalog.deleteProduct(productId, { events: productEvents.deleted }))) return { deletedProductId: null, errors: [notFound()] };
    this.wakeRelay();
    return { deletedProductId: productId, errors: [] };
  }

  private async write(work: () => Promise<Product | null>): Promise<ProductResult> {
    let product: Product | null;
    try {
      product = await work();
    } catch (error) {
      return failed(writeFailures(error));
    }
    if (!product) return failed([notFound()]);
    this.wakeRelay();
    return { product, errors: [] };
  }

  /** Every rule the input breaks, plus UNKNOWN_CATEGORY when its category does not exist. */
  private async check<T extends { categoryId?: string }>(parse: () => T): Promise<{ value: T } | { errors: CatalogFailure[] }> {
    let value: T;
    try {
      value = parse();
    } catch (error) {
      if (error instanceof CatalogValidationError) return { errors: validationFailures(error) };
      throw error;
    }
    if (value.categoryId !== undefined && (await this.catalog.getCategories([value.categoryId])).length === 0) {
      return { errors: [failure('UNKNOWN_CATEGORY', 'No category has this id', 'categoryId')] };
    }
    return { value };
  }
}
