import DataLoader from 'dataloader';
import { countByKey, isUuid, perRequest, rowByKey, type SubgraphContext } from '@shop/subgraph-kit';
import type { KnownProductStore, RatingSummary } from '../stores/known-product.store';
import type { PageQuery, ReviewRecord, ReviewStore } from '../stores/review.store';
import { pageQuery, reviewConnection, type PageArgs, type ReviewConnectionModel } from './connection';

type Owner = 'productId' | 'userId';
interface PageKey {
  ownerId: string;
  page: PageQuery;
}

/**
 * Reads reviews and rating summaries. Every read goes through a per-request DataLoader, so a list
 * of 20 products (one `_entities` call) costs one query per kind of data, not one per product.
 */
export class ReviewReader {
  constructor(
    private readonly reviews: ReviewStore,
    private readonly products: KnownProductStore,
  ) {}

  async byId(context: SubgraphContext, id: string): Promise<ReviewRecord | null> {
    if (!isUuid(id)) return null;
    return rowByKey(
      context,
      'reviews.byId',
      (ids) => this.reviews.findByIds(ids),
      (row) => row.id,
    ).load(id.toLowerCase());
  }

  /** A product's summary; a product without reviews (or not known yet) has sum 0 and count 0. */
  async summary(context: SubgraphContext, productId: string): Promise<RatingSummary> {
    const summary = await rowByKey(
      context,
      'products.summary',
      (ids) => this.products.summaries(ids),
      (row) => row.productId,
    ).load(productId);
    return summary ?? { productId, ratingSum: 0, reviewCount: 0 };
  }

  async productReviews(context: SubgraphContext, productId: string, args: PageArgs): Promise<ReviewConnectionModel> {
    const page = pageQuery(args);
    const rows = await this.pageLoader(context, 'productId').load({ ownerId: productId, page });
    return reviewConnection(rows, page, async () => (await this.summary(context, productId)).reviewCount);
  }

  async userReviews(context: SubgraphContext, userId: string, args: PageArgs): Promise<ReviewConnectionModel> {
    const page = pageQuery({ ...args, sort: 'NEWEST' });
    const rows = await this.pageLoader(context, 'userId').load({ ownerId: userId, page });
    return reviewConnection(rows, page, () => this.userCountLoader(context).load(userId));
  }

  /** Batches page requests; owners asking for the same page (order, cursor, size) share one query. */
  private pageLoader(context: SubgraphContext, owner: Owner) {
    return perRequest(
      context,
      `reviews.pages.${owner}`,
      () =>
        new DataLoader<PageKey, ReviewRecord[], string>(
          async (keys) => {
            const groups = new Map<string, { page: PageQuery; ownerIds: string[] }>();
            for (const { ownerId, page } of keys) {
              const id = JSON.stringify(page);
              const group = groups.get(id) ?? { page, ownerIds: [] };
              group.ownerIds.push(ownerId);
              groups.set(id, group);
            }
            const results = new Map<string, ReviewRecord[]>();
            for (const [id, { page, ownerIds }] of groups) {
              for (const row of await this.reviews.pages(owner, ownerIds, page)) {
                const key = `${row[owner]}|${id}`;
                const list = results.get(key) ?? [];
                list.push(row);
                results.set(key, list);
              }
            }
            return keys.map(({ ownerId, page }) => results.get(`${ownerId}|${JSON.stringify(page)}`) ?? []);
          },
          { cacheKeyFn: ({ ownerId, page }) => `${ownerId}|${JSON.stringify(page)}` },
        ),
    );
  }

  private userCountLoader(context: SubgraphContext) {
    return countByKey(context, 'reviews.countByUser', (ids) => this.reviews.countByUsers(ids));
  }
}
