import type { Transact } from '@shop/db';
import { type Connection, hasRole, pageSize, requireRole, requireUuid, rowByKey, sequenceCursor, type SubgraphContext } from '@shop/subgraph-kit';
import type { AnnouncePromotionChange } from '../events/promotion-events';
import type { KnownProductStore } from '../stores/known-product.store';
import { isUniqueViolation, type PromotionFields, type PromotionRecord, type PromotionStore } from '../stores/promotion.store';
import { validatePromotion, type PromotionFailure, type PromotionInputShape } from './promotion-input';

const pages = sequenceCursor('promotion');

export type PromotionResult = { promotion: PromotionRecord; errors: [] } | { promotion: null; errors: PromotionFailure[] };

const fail = (...errors: PromotionFailure[]): PromotionResult => ({ promotion: null, errors });
const notFound = () => fail({ code: 'NOT_FOUND', field: 'id', message: 'No promotion has this id' });
const couponTaken = () => fail({ code: 'COUPON_TAKEN', field: 'couponCode', message: 'Another promotion has this coupon code' });

/** Promotions: admin-only writes, each announced in the same transaction; public reads by id. */
export class PromotionService {
  constructor(
    private readonly promotions: PromotionStore,
    private readonly known: KnownProductStore,
    private readonly announce: AnnouncePromotionChange,
    private readonly transact: Transact,
    /** The category ids these ids and slugs name, or which are unknown (the catalog's categories, `CategoryReplica.resolve`). */
    private readonly categories: (
      ids: readonly string[],
      slugs: readonly string[],
    ) => Promise<{ ids: string[] } | { unknownIds: string[]; unknownSlugs: string[] }>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(
    context: SubgraphContext,
    args: { activeOnly?: boolean | null; first?: number | null; after?: string | null },
  ): Promise<Connection<PromotionRecord>> {
    requireRole(context, 'admin');
    const size = pageSize(args.first);
    const after = pages.decode(args.after);
    const activeOnly = args.activeOnly ?? false;
    const now = this.now();
    const [rows, total] = await Promise.all([this.promotions.page(activeOnly, now, after, size + 1), this.promotions.count(activeOnly, now)]);
    return pages.toPage(rows, size, total, after);
  }

  /** A Promotion reference; one query for every reference of the request. */
  byId(context: SubgraphContext, id: string): Promise<PromotionRecord | null> {
    return rowByKey(
      context,
      'promotions.byId',
      (ids) => this.promotions.findByIds(ids),
      (row) => row.id,
    ).load(id);
  }

  /** `promotion(id)`: admins only (UNAUTHENTICATED / FORBIDDEN before the id is even checked). */
  forAdmin(context: SubgraphContext, id: string): Promise<PromotionRecord | null> {
    requireRole(context, 'admin');
    return this.byId(context, requireUuid(id));
  }

  /** Coupon codes are secrets shoppers are given; only admins may list them. */
  canSeeCouponCode(context: SubgraphContext): boolean {
    return hasRole(context, 'admin');
  }

  /**
   * A promotion reaches shoppers through products, carts and quotes, but its notes, targeting
   * lists (which may name unpublished products), limits, usage and lifecycle are the shop's
   * business: only admins see them, everyone else gets null.
   */
  adminOnly<T>(context: SubgraphContext, value: T): T | null {
    return hasRole(context, 'admin') ? value : null;
  }

  async create(context: SubgraphContext, input: PromotionInputShape): Promise<PromotionResult> {
    requireRole(context, 'admin');
    const checked = await this.check(input);
    if ('errors' in checked) return fail(...checked.errors);
    return this.transact(async (tx) => {
      const created = await this.promotions.insert(checked.fields, tx);
      if (!created) return couponTaken();
      await this.announce(tx, created, 'created');
      return { promotion: created, errors: [] };
    });
  }

  async update(context: SubgraphContext, id: string, input: PromotionInputShape): Promise<PromotionResult> {
    requireRole(context, 'admin');
    const promotionId = requireUuid(id);
    const checked = await this.check(input);
    if ('errors' in checked) return fail(...checked.errors);
    try {
      return await this.transact(async (tx) => {
        const updated = await this.promotions.update(promotionId, checked.fields, tx);
        if (!updated) return notFound();
        await this.announce(tx, updated, 'updated');
        return { promotion: updated, errors: [] };
      });
    } catch (error) {
      if (isUniqueViolation(error)) return couponTaken();
      throw error;
    }
  }

  /** Idempotent: an already inactive promotion comes back unchanged, with no second event. */
  async deactivate(context: SubgraphContext, id: string): Promise<PromotionResult> {
    requireRole(context, 'admin');
    const promotionId = requireUuid(id);
    return this.transact(async (tx) => {
      const deactivated = await this.promotions.deactivate(promotionId, tx);
      if (deactivated) {
        await this.announce(tx, deactivated, 'deactivated');
        return { promotion: deactivated, errors: [] };
      }
      const [existing] = await this.promotions.findByIds([promotionId], tx);
      return existing ? { promotion: existing, errors: [] } : notFound();
    });
  }

  /** The product and variant ids the catalog (as promotions heard of it) does not have, as typed errors. */
  private async unknownCatalogIds(fields: PromotionFields): Promise<PromotionFailure[]> {
    const [products, variants] = await Promise.all([this.known.findByIds(fields.productIds), this.known.findVariants(fields.variantIds)]);
    const knownProducts = new Set(products.map((product) => product.productId));
    const knownVariants = new Set(variants.map((variant) => variant.variantId));
    const unknownProducts = fields.productIds.filter((id) => !knownProducts.has(id));
    const unknownVariants = fields.variantIds.filter((id) => !knownVariants.has(id));
    const errors: PromotionFailure[] = [];
    if (unknownProducts.length > 0)
      errors.push({ code: 'UNKNOWN_PRODUCT', field: 'productIds', message: `Unknown product ids: ${unknownProducts.join(', ')}` });
    if (unknownVariants.length > 0)
      errors.push({ code: 'UNKNOWN_VARIANT', field: 'variantIds', message: `Unknown variant ids: ${unknownVariants.join(', ')}` });
    return errors;
  }

  /** Input rules, then whether every product, variant and category it names is in the catalog. */
  private async check(input: PromotionInputShape): Promise<{ fields: PromotionFields } | { errors: PromotionFailure[] }> {
    const checked = validatePromotion(input, this.now());
    if ('errors' in checked) return checked;
    const unknown = await this.unknownCatalogIds(checked.fields);
    if (unknown.length > 0) return { errors: unknown };
    const categories = await this.categories(checked.fields.categoryIds, checked.categorySlugs);
    if ('ids' in categories) return { fields: { ...checked.fields, categoryIds: categories.ids } };
    const errors: PromotionFailure[] = [];
    if (categories.unknownIds.length > 0)
      errors.push({ code: 'UNKNOWN_CATEGORY', field: 'categoryIds', message: `Unknown category ids: ${categories.unknownIds.join(', ')}` });
    if (categories.unknownSlugs.length > 0)
      errors.push({ code: 'UNKNOWN_CATEGORY', field: 'categorySlugs', message: `Unknown category slugs: ${categories.unknownSlugs.join(', ')}` });
    return { errors };
  }
}
