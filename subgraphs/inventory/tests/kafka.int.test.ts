import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { inventoryModule } from '../src';
import { catalog, inventoryOf } from './helpers';

/** Services mode: product events arrive over real Kafka (consumer group `inventory`). */
describe('inventory on PostgreSQL + Kafka', () => {
  let harness: SubgraphHarness;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: inventoryModule, config: { reservationSweepIntervalMs: 0 }, backend: 'postgres', transport: 'kafka' });
  });
  afterAll(() => harness?.stop());

  it('a product.created published on Kafka creates the stock row', async () => {
    const productId = await catalog(harness).create();
    expect(await inventoryOf(harness).stores.stock.findByIds([productId])).toEqual([{ productId, onHand: 0, reserved: 0 }]);
  });
});
