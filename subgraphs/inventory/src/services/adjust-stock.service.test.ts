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
    adjust: async (productId: string, delta: number) => {
      updates.push(delta);
      if (!row) {
        row = { productId, onHand: 0, reserved: 0 };
        return null;
      }
      row = { ...row, onHand: row.onHand + delta };
      return row;
    },
    findByIds: async () => (row ? [row] : []),
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
    const result = await service.adjust(admin, { productId: 'p1', delta: 5, idempotencyKey: 'k1' });
    expect(result.errors).toEqual([]);
    expect(result.movement).toMatchObject({ productId: 'p1', delta: 5, onHandAfter: 5 });
    expect(updates).toEqual([5, 5]);
  });

  it('still answers UNKNOWN_PRODUCT when no stock row exists at all', async () => {
    const store = { adjust: async () => null, findByIds: async () => [] } as unknown as StockStore;
    const service = new AdjustStockService(store, movements, (work) => work(tx));
    const result = await service.adjust(admin, { productId: 'p9', delta: 5, idempotencyKey: 'k2' });
    expect(result.errors.map((error) => error.code)).toEqual(['UNKNOWN_PRODUCT']);
  });
});
