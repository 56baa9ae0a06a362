import DataLoader from 'dataloader';
import { perRequest, type SubgraphContext } from '@shop/subgraph-kit';
import type { KnownProductStore } from '../stores/known-product.store';
import type { PromotionRecord, PromotionStore } from '../stores/promotion.store';
import { applyPromotions, type CartLine, type Money } from './discount-engine';
import { coversProduct } from '@shop/discounts';

/** What promotions knows about one product during a request. */
interface ProductPromotions {
  categoryId: string | null;
  /** Running automatic promotions whose conditions cover the product, oldest first. */
  promotions: PromotionRecord[];
  now: Date;
}

/**
 * Sale prices and active promotions of products and variants. Every product (variant) of a request
 * is loaded together: one query for their categories, one for the automatic promotions that may
 * cover them. A product as a whole is covered by product and category conditions (and a variant
 * condition naming its default variant); a variant also by conditions naming it.
 */
export class ProductPricingService {
  constructor(
    private readonly promotions: PromotionStore,
    private readonly known: KnownProductStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private load(context: SubgraphContext, productId: string): Promise<ProductPromotions> {
    const loader = perRequest(context, 'products.promotions', () => new DataLoader<string, ProductPromotions>((ids) => this.loadMany(ids)));
    return loader.load(productId);
  }

  private async loadMany(ids: readonly string[]): Promise<ProductPromotions[]> {
    const now = this.clock();
    const known = new Map((await this.known.findByIds(ids)).map((product) => [product.productId, product]));
    // A product as a whole is its default variant only when it has no options (same id), hence `ids` as variant ids.
    const running = await this.promotions.runningAutomatic(now, ids, [...new Set([...known.values()].map((product) => product.categoryId))], ids);
    return ids.map((id) => {
      const product = known.get(id);
      return forLine(running, now, { productId: id, variantId: null, categoryId: product?.categoryId ?? null, priceCurrency: product?.priceCurrency ?? null });
    });
  }

  private loadVariant(context: SubgraphContext, variantId: string): Promise<ProductPromotions & { productId: string }> {
    const loader = perRequest(
      context,
      'variants.promotions',
      () => new DataLoader<string, ProductPromotions & { productId: string }>((ids) => this.loadVariants(ids)),
    );
    return loader.load(variantId);
  }

  /** Every variant of a request: one query for their products and categories, one for the promotions. */
  private async loadVariants(ids: readonly string[]): Promise<Array<ProductPromotions & { productId: string }>> {
    const now = this.clock();
    const known = new Map((await this.known.findVariants(ids)).map((variant) => [variant.variantId, variant]));
    const products = [...new Set([...known.values()].map((variant) => variant.productId))];
    const categories = [...new Set([...known.values()].map((variant) => variant.categoryId))];
    // An unknown variant gets no product and so only the promotions without conditions.
    const running = await this.promotions.runningAutomatic(now, products, categories, ids);
    return ids.map((id) => {
      const variant = known.get(id);
      const line = {
        productId: variant?.productId ?? '',
        variantId: id,
        categoryId: variant?.categoryId ?? null,
        priceCurrency: variant?.priceCurrency ?? null,
      };
      return { ...forLine(running, now, line), productId: line.productId };
    });
  }

  /** `ProductVariant.salePrice`: like a product's, for the variant's own price and the promotions covering it. */
  async variantSalePrice(context: SubgraphContext, variantId: string, price: Money): Promise<Money | null> {
    const { productId, categoryId, promotions, now } = await this.loadVariant(context, variantId);
    return unitSalePrice({ lineId: variantId, productId, variantId, categoryId, unitPrice: price, quantity: 1 }, promotions, now);
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
    return unitSalePrice({ lineId: productId, productId, categoryId, unitPrice: price, quantity: 1 }, promotions, now);
  }
}

/** The running promotions covering one product or variant, a fixed amount only in the currency of its catalog price. */
function forLine(
  running: readonly PromotionRecord[],
  now: Date,
  line: { productId: string; variantId: string | null; categoryId: string | null; priceCurrency: string | null },
): ProductPromotions {
  const inCurrency = (promotion: PromotionRecord) =>
    promotion.kind !== 'FIXED_AMOUNT' || line.priceCurrency === null || promotion.currency === line.priceCurrency;
  const covers = (promotion: PromotionRecord) => coversProduct(promotion, line.productId, line.categoryId, line.variantId);
  return { categoryId: line.categoryId, now, promotions: running.filter((promotion) => covers(promotion) && inCurrency(promotion)) };
}

/** One unit in a cart of its own, through the discount engine; null when nothing discounts it. */
function unitSalePrice(line: CartLine, promotions: PromotionRecord[], now: Date): Money | null {
  if (promotions.length === 0) return null;
  const usage = Object.fromEntries(promotions.map((promotion) => [promotion.id, { total: promotion.timesUsed, byCustomer: 0 }]));
  const result = applyPromotions({ lines: [line], now, promotions, usage });
  return result.totalDiscount.amount > 0 ? result.total : null;
}
