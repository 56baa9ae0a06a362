import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { sqlBackends } from '@shop/testkit';
import { createPromotions } from '../src';
import type { UsageService } from '../src/services/usage.service';
import { promotionUsages } from '../src/db/schema';
import { adminCaller, couponCode, createPromotion, outboxFor, promotionsSuite, unique } from './helpers';
import { PromotionByIdDocument } from './__generated__/graphql';

describe.each(sqlBackends)('recordUsage on %s', (backend) => {
  const { promotions } = promotionsSuite(backend);
  let usage: UsageService;

  beforeAll(() => {
    usage = createPromotions(promotions.platform.database.db).services.usage;
  });

  const timesUsed = async (id: string) => (await promotions.call(PromotionByIdDocument, { id }, adminCaller())).data!.promotion!.timesUsed;
  const usageRows = async (id: string) => promotions.platform.database.db.select().from(promotionUsages).where(eq(promotionUsages.promotionId, id));

  it('20 concurrent redemptions against a limit of 5 record exactly 5', async () => {
    const promotion = await createPromotion(promotions, { name: 'Five only', kind: 'PERCENTAGE', value: 1000, couponCode: couponCode(), usageLimit: 5 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => usage.recordUsage(promotion.id, `cust-${i}`, unique('order'))));
    const outcomes = results.map((result) => result.outcome);
    expect(outcomes.filter((outcome) => outcome === 'RECORDED')).toHaveLength(5);
    expect(outcomes.filter((outcome) => outcome === 'USAGE_LIMIT_REACHED')).toHaveLength(15);
    expect(
      results
        .filter((result) => result.outcome === 'RECORDED')
        .map((result) => result.timesUsed)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5]);
    expect(await timesUsed(promotion.id)).toBe(5);
    expect(await usageRows(promotion.id)).toHaveLength(5);
    const events = (await outboxFor(promotions, promotion.id)).filter((event) => event.type === 'promotion.usage-recorded');
    expect(events.map((event) => event.data.timesUsed).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('is idempotent per order, also when the same order arrives concurrently', async () => {
    const promotion = await createPromotion(promotions, { name: 'Idempotent', kind: 'PERCENTAGE', value: 1000, couponCode: couponCode() });
    const orderId = unique('order');
    const results = await Promise.all(Array.from({ length: 10 }, () => usage.recordUsage(promotion.id, 'cust-1', orderId)));
    expect(results.filter((result) => result.outcome === 'RECORDED')).toEqual([{ outcome: 'RECORDED', timesUsed: 1 }]);
    expect(results.filter((result) => result.outcome === 'ALREADY_RECORDED')).toHaveLength(9);
    expect(await usage.recordUsage(promotion.id, 'cust-1', orderId)).toEqual({ outcome: 'ALREADY_RECORDED', timesUsed: 1 });
    expect(await outboxFor(promotions, promotion.id)).toEqual([
      expect.objectContaining({ type: 'promotion.created' }),
      { type: 'promotion.usage-recorded', data: { promotionId: promotion.id, orderId, customerId: 'cust-1', timesUsed: 1 } },
    ]);
  });

  it('enforces the per-customer limit', async () => {
    const promotion = await createPromotion(promotions, { name: 'Twice each', kind: 'PERCENTAGE', value: 1000, couponCode: couponCode(), perCustomerLimit: 2 });
    const record = (customerId: string) => usage.recordUsage(promotion.id, customerId, unique('order'));
    expect([await record('ada'), await record('ada'), await record('ada'), await record('bob')]).toEqual([
      { outcome: 'RECORDED', timesUsed: 1 },
      { outcome: 'RECORDED', timesUsed: 2 },
      { outcome: 'CUSTOMER_LIMIT_REACHED', timesUsed: 2 },
      { outcome: 'RECORDED', timesUsed: 3 },
    ]);
  });

  it('answers NOT_FOUND for unknown or malformed promotion ids', async () => {
    expect(await usage.recordUsage(randomUUID(), 'cust-1', 'order-1')).toEqual({ outcome: 'NOT_FOUND', timesUsed: 0 });
    expect(await usage.recordUsage('nope', 'cust-1', 'order-1')).toEqual({ outcome: 'NOT_FOUND', timesUsed: 0 });
  });
});
