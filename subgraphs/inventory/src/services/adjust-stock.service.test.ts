import { describe, expect, it } from 'vitest';
import type { Executor } from '@shop/db';
import type { MovementStore } from '../stores/movement.store';
import type { StockRecord, StockStore } from '../stores/stock.store';
import { AdjustStockService } from './adjust-stock.service';

const admin = { viewer: { userId: '00000000-0000-4000-8000-000000000001', roles: ['admin'] }, requestId: 'r1', logger: undefined as never };
// Records outbox writes (stock.changed) without a database.
const tx = { insert: () => ({ values: async () => undefined }) } as unknown as Executor;

/** Stock whose row appears between the adjusting UPDATE and the follow-up read (product.created committing in between). */
function stockCreatedMidway(): { store: StockStore; updates: number[] } {
  const updates: number[] = [];
  let row: StockRecord | null = null;
  const store = {
    adjust: async (variantId: string, delta: number) => {
      updates.push(delta);
      if (!row) {
        row = { variantId, productId: 'p1', onHand: 0, reserved: 0 };
        return null;
      }
      row = { ...row, onHand: row.onHand + delta };
      return row;
    },
    findByIds: async () => (row ? [row] : []),
    totalsByProducts: async () => [],
  } as unknown as StockStore;
  return { store, updates };
}

const movements = {
  findByKey: async () => null,
  insert: async (movement: Record<string, unknown>) => ({ id: 'm1', ...movement }),
} as unknown as MovementStore;

describe('AdjustStockService', () => {
  it('adds the units when the stock row was created between its update and its read, instead of refusing', async () => {
    const { store, updates } = stockCreatedMidway();
    const service = new AdjustStockService(store, movements, (work) => work(tx));
    const result = await service.adjust(admin, { variantId: 'v1', delta: 5, idempotencyKey: 'k1' });
    expect(result.errors).toEqual([]);
    expect(result.movement).toMatchObject({ productId: 'p1', variantId: 'v1', delta: 5, onHandAfter: 5 });
    expect(updates).toEqual([5, 5]);
  });

  it('still answers UNKNOWN_VARIANT when no stock row exists at all', async () => {
    const store = { adjust: async () => null, findByIds: async () => [] } as unknown as StockStore;
    const service = new AdjustStockService(store, movements, (work) => work(tx));
    const result = await service.adjust(admin, { variantId: 'v9', delta: 5, idempotencyKey: 'k2' });
    expect(result.errors.map((error) => error.code)).toEqual(['UNKNOWN_VARIANT']);
  });

  it('takes a product id for a product with one variant only: UNKNOWN_PRODUCT without, VARIANT_REQUIRED with several', async () => {
    const level = (variantId: string) => ({ variantId, productId: 'p2', onHand: 0, reserved: 0 });
    for (const [variants, code] of [
      [[], 'UNKNOWN_PRODUCT'],
      [[level('a'), level('b')], 'VARIANT_REQUIRED'],
    ] as const) {
      const adjusted: string[] = [];
      const store = { variantsOf: async () => variants, adjust: async (id: string) => (adjusted.push(id), null) } as unknown as StockStore;
      const service = new AdjustStockService(store, movements, (work) => work(tx));
      const result = await service.adjust(admin, { productId: 'p2', delta: 5, idempotencyKey: 'k3' });
      expect(result.errors.map((error) => error.code)).toEqual([code]);
      expect(adjusted).toEqual([]);
    }
  });
});
