import { randomUUID } from 'node:crypto';
import { MAX_VARIANTS, type CatalogStore, type NewVariant, type Product, type ProductChange, type VariantPatch } from '@shop/catalog';
import { requireRole, requireUuid, type SubgraphContext } from '@shop/subgraph-kit';
import { failure, variantWriteFailures, type CatalogFailure } from './catalog-errors';
import type { ProductResult } from './product-admin.service';
import { productEvents } from './product-events';
import { variantModels, type ProductVariantModel } from './variant-models';

export type VariantResult = { variant: ProductVariantModel; product: Product; errors: [] } | { variant: null; product: null; errors: CatalogFailure[] };

const noProduct = (): CatalogFailure => failure('NOT_FOUND', 'No product has this id', 'productId');
const noVariant = (): CatalogFailure => failure('NOT_FOUND', 'No variant has this id', 'id');

/**
 * Admin changes to options and variants. Each is one `changeProduct`: the catalog applies the rules
 * and writes the product (new version) with its `product.updated` event, whose snapshot carries the
 * variants, or writes nothing. `expectedVersion` is always the product's version.
 */
export class VariantAdminService {
  constructor(
    private readonly catalog: CatalogStore,
    private readonly wakeRelay: () => void,
  ) {}

  /** Options, value lists, reordering and generating: answered with the product. */
  async change(context: SubgraphContext, productId: string, change: ProductChange, expectedVersion?: number | null): Promise<ProductResult> {
    requireRole(context, 'admin');
    const result = await this.apply(requireUuid(productId, 'productId'), change, expectedVersion);
    if ('errors' in result) return { product: null, errors: result.errors };
    return { product: result.product, errors: [] };
  }

  async createVariant(context: SubgraphContext, productId: string, input: NewVariant, expectedVersion?: number | null): Promise<VariantResult> {
    requireRole(context, 'admin');
    const variantId = randomUUID();
    const result = await this.apply(requireUuid(productId, 'productId'), { kind: 'createVariant', variant: { ...input, id: variantId } }, expectedVersion);
    return this.withVariant(result, variantId);
  }

  async updateVariant(context: SubgraphContext, id: string, patch: VariantPatch, expectedVersion?: number | null): Promise<VariantResult> {
    requireRole(context, 'admin');
    const variantId = requireUuid(id);
    const product = await this.productOf(variantId);
    if (!product) return { variant: null, product: null, errors: [noVariant()] };
    return this.withVariant(await this.apply(product.id, { kind: 'updateVariant', variantId, patch }, expectedVersion), variantId);
  }

  async deleteVariant(context: SubgraphContext, id: string, expectedVersion?: number | null): Promise<ProductResult> {
    requireRole(context, 'admin');
    const variantId = requireUuid(id);
    const product = await this.productOf(variantId);
    if (!product) return { product: null, errors: [noVariant()] };
    return this.change(context, product.id, { kind: 'deleteVariant', variantId }, expectedVersion);
  }

  async reorder(context: SubgraphContext, productId: string, variantIds: readonly string[], expectedVersion?: number | null): Promise<ProductResult> {
    requireRole(context, 'admin');
    // Refused before looking at (or lower-casing) a list longer than any product's.
    if (variantIds.length > MAX_VARIANTS)
      return { product: null, errors: [failure('LIMIT_EXCEEDED', `variantIds takes at most ${MAX_VARIANTS} ids`, 'variantIds')] };
    const ids = variantIds.map((variantId) => requireUuid(variantId, 'variantIds'));
    return this.change(context, productId, { kind: 'reorderVariants', variantIds: ids }, expectedVersion);
  }

  private async productOf(variantId: string): Promise<Product | null> {
    return (await this.catalog.getProductsOfVariants([variantId]))[0] ?? null;
  }

  private async apply(productId: string, change: ProductChange, expectedVersion?: number | null): Promise<{ product: Product } | { errors: CatalogFailure[] }> {
    let product: Product | null;
    try {
      product = await this.catalog.changeProduct(productId, change, expectedVersion ?? undefined, { events: productEvents.updated });
    } catch (error) {
      return { errors: variantWriteFailures(error) };
    }
    if (!product) return { errors: [noProduct()] };
    this.wakeRelay();
    return { product };
  }

  private withVariant(result: { product: Product } | { errors: CatalogFailure[] }, variantId: string): VariantResult {
    if ('errors' in result) return { variant: null, product: null, errors: result.errors };
    const variant = variantModels(result.product).find((candidate) => candidate.id === variantId);
    if (!variant) return { variant: null, product: null, errors: [noVariant()] };
    return { variant, product: result.product, errors: [] };
  }
}
