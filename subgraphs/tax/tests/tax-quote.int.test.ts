import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { taxModule } from '../src';
import { codes, createRate } from './helpers';
import { TaxQuoteDocument, type TaxQuoteInput } from './__generated__/graphql';

describe.each(sqlBackends)('tax quotes on %s', (backend) => {
  let tax: SubgraphHarness;

  beforeAll(async () => {
    tax = await startSubgraphHarness({ module: taxModule, config: {}, backend });
    await createRate(tax, { country: 'US', rateBasisPoints: 500, name: 'US base' });
    await createRate(tax, { country: 'US', region: 'CA', rateBasisPoints: 725, name: 'California' });
    await createRate(tax, { country: 'US', category: 'food', rateBasisPoints: 100, name: 'US food' });
    await createRate(tax, { country: 'US', region: 'CA', category: 'food', rateBasisPoints: 0, name: 'California food' });
    await createRate(tax, { country: 'US', category: 'luxury', rateBasisPoints: 3000, name: 'expired luxury', validTo: '2020-01-01T00:00:00Z' });
    await createRate(tax, { country: 'US', region: 'NY', rateBasisPoints: 900, name: 'future NY', validFrom: '2999-01-01T00:00:00Z' });
    await createRate(tax, { country: 'DE', rateBasisPoints: 1900, name: 'VAT standard' });
  });
  afterAll(() => tax.stop());

  const quote = (input: TaxQuoteInput) => tax.call(TaxQuoteDocument, { input });
  const line = (lineId: string, amount: number, categoryId?: string) => ({ lineId, amount, quantity: 1, ...(categoryId ? { categoryId } : {}) });

  it('quotes each line at its most specific rate, rounding half to even, for anonymous callers', async () => {
    const result = await quote({
      country: 'us',
      region: 'ca',
      currency: 'USD',
      lines: [line('toy', 1000, 'toys'), line('apple', 1000, 'food'), { ...line('pen', 30), quantity: 3 }],
    });
    expect(result).toEqual({
      data: {
        taxQuote: {
          lines: [
            { lineId: 'toy', rateBasisPoints: 725, percentage: '7.25', taxAmount: { amount: 72, currency: 'USD' }, rateName: 'California' }, // 72.5 -> 72
            { lineId: 'apple', rateBasisPoints: 0, percentage: '0.00', taxAmount: { amount: 0, currency: 'USD' }, rateName: 'California food' },
            { lineId: 'pen', rateBasisPoints: 725, percentage: '7.25', taxAmount: { amount: 2, currency: 'USD' }, rateName: 'California' }, // 2.175 -> 2
          ],
          total: { amount: 74, currency: 'USD' },
        },
      },
    });
  });

  it('falls back to category and country rates, ignoring rates outside their validity', async () => {
    const result = await quote({
      country: 'US',
      region: 'NY',
      currency: 'USD',
      lines: [line('bread', 250, 'food'), line('watch', 15, 'luxury'), line('shoe', 50)],
    });
    expect(result.data!.taxQuote.lines.map((l) => [l.lineId, l.rateName, l.taxAmount.amount])).toEqual([
      ['bread', 'US food', 2], // 2.5 -> 2
      ['watch', 'US base', 1], // 0.75 -> 1
      ['shoe', 'US base', 2], // 2.5 -> 2
    ]);
    expect(result.data!.taxQuote.total).toEqual({ amount: 5, currency: 'USD' });
  });

  it('answers 0 with no rate name where no rate exists', async () => {
    const result = await quote({ country: 'JP', currency: 'JPY', lines: [line('a', 1000)] });
    expect(result.data!.taxQuote).toEqual({
      lines: [{ lineId: 'a', rateBasisPoints: 0, percentage: '0.00', taxAmount: { amount: 0, currency: 'JPY' }, rateName: null }],
      total: { amount: 0, currency: 'JPY' },
    });
  });

  it.each([
    [{ country: 'Germany' }, 'input.country: must be an ISO 3166-1 alpha-2 code'],
    [{ currency: 'euro' }, 'input.currency: must be an ISO 4217 code such as EUR'],
    [{ lines: [line('a', -1)] }, 'input.lines.0.amount: must be 0 or more'],
    [{ lines: [{ ...line('a', 1), quantity: 0 }] }, 'input.lines.0.quantity: must be 1 or more'],
    [{ lines: [line('a', 1), line('a', 2)] }, 'input.lines: line ids must be distinct'],
    [{ lines: [] }, 'input.lines: at least one line is required'],
  ])('rejects bad input %j with BAD_USER_INPUT', async (change, message) => {
    const result = await quote({ country: 'DE', currency: 'EUR', lines: [line('a', 100)], ...change });
    expect(codes(result)).toEqual([['BAD_USER_INPUT', message]]);
  });
});
