import DataLoader from 'dataloader';
import { perRequest, type SubgraphContext } from '@shop/subgraph-kit';
import type { KnownProductStore } from '../stores/known-product.store';
import type { PromotionRecord, PromotionStore } from '../stores/promotion.store';
import { applyPromotions, type Money } from './discount-engine';
import { coversProduct } from '@shop/discounts';

/** What promotions knows about one product during a request. */
interface ProductPromotions {
  categoryId: string | null;
  /** Running automatic promotions whose conditions cover the product, oldest first. */
  promotions: PromotionRecord[];
  now: Date;
}

/**
 * Sale prices and active promotions of products. Every product of a request is loaded together:
 * one query for their categories, one for the automatic promotions that may cover them.
 */
export class ProductPricingService {
  constructor(
    private readonly promotions: PromotionStore,
    private readonly known: KnownProductStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private load(context: SubgraphContext, productId: string): Promise<ProductPromotions> {
    const loader = perRequest(
      context,
      'products.promotions',
      () => new DataLoader<string, ProductPromotions>((ids) => this.loadMany(ids)),
    );
    return loader.load(productId);
  }

  private async loadMany(ids: readonly string[]): Promise<ProductPromotions[]> {
    const now = this.clock();
    const known = new Map((await this.known.findByIds(ids)).map((product) => [product.productId, product]));
    const running = await this.promotions.runningAutomatic(now, ids, [...new Set([...known.values()].map((product) => product.categoryId))]);
    return ids.map((id) => {
      const product = known.get(id);
      const categoryId = product?.categoryId ?? null;
      // A fixed amount in another currency than the catalog price never applies to this product.
      const inCurrency = (promotion: PromotionRecord) => promotion.kind !== 'FIXED_AMOUNT' || !product || promotion.currency === product.priceCurrency;
      return { categoryId, now, promotions: running.filter((promotion) => coversProduct(promotion, id, categoryId) && inCurrency(promotion)) };
    });
  }

  async activePromotions(context: SubgraphContext, productId: string): Promise<PromotionRecord[]> {
    return (await this.load(context, productId)).promotions;
  }

  /**
   * One unit in a cart of its own, through the discount engine: the best automatic promotion,
   * null when none discounts it.
   */
  async salePrice(context: SubgraphContext, productId: string, price: Money): Promise<Money | null> {
    const { categoryId, promotions, now } = await this.load(context, productId);
    if (promotions.length === 0) return null;
    const usage = Object.fromEntries(promotions.map((promotion) => [promotion.id, { total: promotion.timesUsed, byCustomer: 0 }]));
    const result = applyPromotions({ lines: [{ lineId: productId, productId, categoryId, unitPrice: price, quantity: 1 }], now, promotions, usage });
    return result.totalDiscount.amount > 0 ? result.total : null;
  }
}
