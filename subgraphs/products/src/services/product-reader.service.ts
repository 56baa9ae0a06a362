import { CatalogValidationError, InvalidCursorError, type CatalogStore, type Product, type ProductFilter, type ProductSort } from '@shop/catalog';
import { badUserInput, forbidden, hasRole, requireUuid, rowByKey, type SubgraphContext } from '@shop/subgraph-kit';
import { toConnection, type ProductConnection } from './product-connection';
import { variantModels, type ProductVariantModel } from './variant-models';

export const MAX_PAGE_SIZE = 100;
const MAX_IDS = 100;

export interface ProductListFilter {
  categoryId?: string | null;
  categorySlug?: string | null;
  minPrice?: number | null;
  maxPrice?: number | null;
  currency?: string | null;
  ids?: readonly string[] | null;
  published?: boolean | null;
}

export interface ProductListArgs {
  filter?: ProductListFilter | null;
  sort?: ProductSort | null;
  first?: number | null;
  after?: string | null;
  /** False when the operation does not select `totalCount`: the count query is skipped. @default true */
  countTotal?: boolean;
}

const defined = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/** Reading the catalog: batching, the published-only rule for non-admins, listing arguments. */
export class ProductReader {
  constructor(private readonly catalog: CatalogStore) {}

  /** One catalog read per request for every product looked up by id (`_entities` included). */
  async byId(context: SubgraphContext, id: string): Promise<Product | null> {
    // The catalog answers lowercase ids (UUIDs compare case-insensitively).
    const product = await rowByKey(
      context,
      'products.byId',
      (ids) => this.catalog.getProducts(ids),
      (row) => row.id,
    ).load(id.toLowerCase());
    return this.visible(context, product);
  }

  /** One catalog read per request for every variant looked up by id (`_entities` of ProductVariant). */
  async variantById(context: SubgraphContext, id: string): Promise<ProductVariantModel | null> {
    const load = (ids: readonly string[]) => this.catalog.getProductsOfVariants(ids).then((found) => found.flatMap(variantModels));
    const variant = await rowByKey(context, 'variants.byId', load, (row) => row.id).load(id.toLowerCase());
    if (!variant || !this.visible(context, variant.product)) return null;
    return variant.published || hasRole(context, 'admin') ? variant : null;
  }

  async product(context: SubgraphContext, args: { id?: string | null; slug?: string | null }): Promise<Product | null> {
    if (defined(args.id) === defined(args.slug)) throw badUserInput('Pass exactly one of id and slug');
    if (defined(args.id)) return this.byId(context, requireUuid(args.id));
    return this.visible(context, await this.catalog.getProductBySlug(args.slug!));
  }

  async list(context: SubgraphContext, args: ProductListArgs): Promise<ProductConnection> {
    const first = args.first ?? 20;
    const after = args.after ?? null;
    const sort = args.sort ?? 'NEWEST';
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, { argument: 'first' });
    }
    const filter = await this.storeFilter(context, args.filter ?? {});
    try {
      return toConnection(await this.catalog.listProducts({ filter, sort, first, after, countTotal: args.countTotal ?? true }), sort, after);
    } catch (error) {
      if (error instanceof InvalidCursorError) throw badUserInput('after is not a cursor of this listing', { argument: 'after' });
      if (error instanceof CatalogValidationError) throw badUserInput(error.message, { argument: 'filter' });
      throw error;
    }
  }

  /** The products of a category's whole subtree (`Category.products`). */
  listInCategory(context: SubgraphContext, categoryId: string, args: Omit<ProductListArgs, 'filter'>): Promise<ProductConnection> {
    return this.list(context, { ...args, filter: { categoryId } });
  }

  private async storeFilter(context: SubgraphContext, filter: ProductListFilter): Promise<ProductFilter> {
    if (defined(filter.categoryId) && defined(filter.categorySlug)) throw badUserInput('Pass at most one of categoryId and categorySlug');
    if (defined(filter.ids) && filter.ids.length > MAX_IDS) throw badUserInput(`ids takes at most ${MAX_IDS} ids`, { argument: 'filter.ids' });
    if (filter.published === false && !hasRole(context, 'admin')) throw forbidden('Only admins may list unpublished products');
    const categoryIds = await this.categoryFilter(filter);
    return {
      ...(categoryIds ? { categoryIds } : {}),
      ...(defined(filter.minPrice) ? { minPrice: filter.minPrice } : {}),
      ...(defined(filter.maxPrice) ? { maxPrice: filter.maxPrice } : {}),
      ...(defined(filter.currency) ? { currency: filter.currency } : {}),
      ...(defined(filter.ids) ? { ids: filter.ids } : {}),
      ...(hasRole(context, 'admin') ? (defined(filter.published) ? { published: filter.published } : {}) : { published: true }),
    };
  }

  /** The subtree a category filter names; an unknown category is the caller's mistake, never an empty page. */
  private async categoryFilter(filter: ProductListFilter): Promise<string[] | undefined> {
    if (defined(filter.categorySlug)) {
      const category = await this.catalog.getCategoryBySlug(filter.categorySlug);
      if (!category) throw badUserInput(`No category has the slug ${JSON.stringify(filter.categorySlug)}`, { argument: 'filter.categorySlug' });
      return this.catalog.descendantIds(category.id);
    }
    if (!defined(filter.categoryId)) return undefined;
    const subtree = await this.catalog.descendantIds(requireUuid(filter.categoryId, 'filter.categoryId'));
    if (subtree.length === 0) throw badUserInput(`No category has the id ${JSON.stringify(filter.categoryId)}`, { argument: 'filter.categoryId' });
    return subtree;
  }

  private visible(context: SubgraphContext, product: Product | null): Product | null {
    return product && (product.published || hasRole(context, 'admin')) ? product : null;
  }
}
