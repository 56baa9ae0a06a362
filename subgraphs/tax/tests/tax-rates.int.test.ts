import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { taxModule } from '../src';
import { TaxRateStore } from '../src/stores/tax-rate.store';
import { adminCaller, changesOf, codes, createRate, customerCaller, ops, type RatePayload } from './helpers';

describe.each(sqlBackends)('tax rates on %s', (backend) => {
  let tax: SubgraphHarness;

  beforeAll(async () => {
    tax = await startSubgraphHarness({ module: taxModule, config: {}, backend });
  });
  afterAll(() => tax.stop());

  const mutate = async <K extends 'createTaxRate' | 'updateTaxRate' | 'deleteTaxRate'>(key: K, query: string, variables: Record<string, unknown>) =>
    (await tax.call<Record<K, RatePayload>>(query, variables, adminCaller())).data![key];

  it('admins create rates; input is normalized and the change announced', async () => {
    const input = { country: 'us', region: ' ca ', category: 'food', rateBasisPoints: 725, name: ' California food ', validFrom: '2026-01-01T00:00:00.000Z', validTo: null };
    const created = await mutate('createTaxRate', ops.create, { input });
    expect(created).toEqual({
      taxRate: { id: expect.any(String), country: 'US', region: 'CA', category: 'food', rateBasisPoints: 725, percentage: '7.25', name: 'California food', validFrom: '2026-01-01T00:00:00.000Z', validTo: null },
      errors: [],
    });
    const { id, percentage: _percentage, ...snapshot } = created.taxRate!;
    expect(await changesOf(tax, id)).toEqual([{ type: 'tax-rate.changed', data: { taxRateId: id, change: 'created', ...snapshot } }]);
  });

  it('reports every invalid field with a typed code', async () => {
    const result = await mutate('createTaxRate', ops.create, {
      input: { country: 'Germany', region: 'x'.repeat(51), rateBasisPoints: 10_001, name: ' ', validFrom: '2026-02-01T00:00:00Z', validTo: '2026-01-01T00:00:00Z' },
    });
    expect(result.taxRate).toBeNull();
    expect(result.errors.map((error) => [error.code, error.field])).toEqual([
      ['INVALID_COUNTRY', 'country'],
      ['INVALID_FIELD', 'region'],
      ['INVALID_RATE', 'rateBasisPoints'],
      ['INVALID_FIELD', 'name'],
      ['INVALID_FIELD', 'validTo'],
    ]);
    const negative = await mutate('createTaxRate', ops.create, { input: { country: 'XX', rateBasisPoints: -1, name: 'x' } });
    expect(negative.errors).toEqual([
      { code: 'INVALID_COUNTRY', field: 'country', message: 'Country must be an ISO 3166-1 alpha-2 code such as DE or US' },
      { code: 'INVALID_RATE', field: 'rateBasisPoints', message: 'The rate must be 0 to 10000 basis points (0.00 % to 100.00 %)' },
    ]);
  });

  it('refuses a second rate for the same country, region and category (also on update)', async () => {
    const country = await createRate(tax, { country: 'FR', rateBasisPoints: 2000, name: 'TVA normale' });
    const duplicate = { taxRate: null, errors: [{ code: 'DUPLICATE_RATE', field: null, message: 'A rate for this country, region and category already exists' }] };
    expect(await mutate('createTaxRate', ops.create, { input: { country: 'fr', rateBasisPoints: 550, name: 'other' } })).toEqual(duplicate);
    const reduced = await createRate(tax, { country: 'FR', category: 'books', rateBasisPoints: 550, name: 'TVA réduite' });
    expect(await mutate('updateTaxRate', ops.update, { id: reduced.id, input: { country: 'FR', rateBasisPoints: 550, name: 'TVA réduite' } })).toEqual(duplicate);
    expect(await changesOf(tax, reduced.id)).toHaveLength(1);
    expect(country.category).toBeNull();
  });

  it('admins update and delete rates; unknown ids are NOT_FOUND, malformed ids BAD_USER_INPUT', async () => {
    const rate = await createRate(tax, { country: 'IT', rateBasisPoints: 2200, name: 'IVA' });
    const updated = await mutate('updateTaxRate', ops.update, { id: rate.id, input: { country: 'IT', region: 'bz', rateBasisPoints: 2000, name: 'IVA Alto Adige' } });
    expect(updated).toEqual({ taxRate: { ...rate, region: 'BZ', rateBasisPoints: 2000, percentage: '20.00', name: 'IVA Alto Adige' }, errors: [] });
    expect(await mutate('deleteTaxRate', ops.delete, { id: rate.id })).toEqual(updated);
    expect((await changesOf(tax, rate.id)).map((event) => event.data.change)).toEqual(['created', 'updated', 'deleted']);
    const notFound = { taxRate: null, errors: [{ code: 'NOT_FOUND', field: 'id', message: 'No tax rate has this id' }] };
    expect(await mutate('deleteTaxRate', ops.delete, { id: rate.id })).toEqual(notFound);
    expect(await mutate('updateTaxRate', ops.update, { id: rate.id, input: { country: 'IT', rateBasisPoints: 1, name: 'x' } })).toEqual(notFound);
    expect((await mutate('updateTaxRate', ops.update, { id: randomUUID(), input: { country: 'IT', rateBasisPoints: -5, name: 'x' } })).errors[0]!.code).toBe('INVALID_RATE');
    expect(codes(await tax.call(ops.delete, { id: 'nope' }, adminCaller()))).toEqual([['BAD_USER_INPUT', 'id must be a UUID']]);
  });

  it('customers get FORBIDDEN and anonymous callers UNAUTHENTICATED on every write', async () => {
    const rate = await createRate(tax, { country: 'ES', rateBasisPoints: 2100, name: 'IVA general' });
    const writes: Array<[string, Record<string, unknown>]> = [
      [ops.create, { input: { country: 'ES', region: 'CN', rateBasisPoints: 700, name: 'IGIC' } }],
      [ops.update, { id: rate.id, input: { country: 'ES', rateBasisPoints: 0, name: 'free' } }],
      [ops.delete, { id: rate.id }],
    ];
    for (const [query, variables] of writes) {
      expect(codes(await tax.call(query, variables, customerCaller()))?.map(([code]) => code)).toEqual(['FORBIDDEN']);
      expect(codes(await tax.call(query, variables))?.map(([code]) => code)).toEqual(['UNAUTHENTICATED']);
    }
    const list = await tax.call<{ taxRates: { totalCount: number; edges: Array<{ node: { name: string } }> } }>(ops.list, { country: 'ES' });
    expect(list.data!.taxRates).toMatchObject({ totalCount: 1, edges: [{ node: { name: 'IVA general' } }] });
  });

  it('lists rates publicly by country, paginated, with BAD_USER_INPUT for bad arguments', async () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    for (const [i, name] of names.entries()) await createRate(tax, { country: 'CA', region: `R${i}`, rateBasisPoints: 500 + i, name });
    await createRate(tax, { country: 'BE', rateBasisPoints: 2100, name: 'BTW' });
    type List = { taxRates: { edges: Array<{ node: { name: string } }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string }; totalCount: number } };
    const page = async (after?: string) => (await tax.call<List>(ops.list, { country: 'ca', first: 2, ...(after ? { after } : {}) })).data!.taxRates;
    const first = await page();
    const second = await page(first.pageInfo.endCursor);
    const third = await page(second.pageInfo.endCursor);
    expect([first, second, third].map((p) => p.edges.map((edge) => edge.node.name))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect([first, second, third].map((p) => [p.totalCount, p.pageInfo.hasNextPage, p.pageInfo.hasPreviousPage])).toEqual([
      [5, true, false],
      [5, true, true],
      [5, false, true],
    ]);
    const all = (await tax.call<List>(ops.list, { first: 100 })).data!.taxRates;
    expect(all.edges.map((edge) => edge.node.name).indexOf('BTW')).toBeLessThan(all.edges.map((edge) => edge.node.name).indexOf('a'));
    expect(codes(await tax.call(ops.list, { country: 'ZZ' }))).toEqual([['BAD_USER_INPUT', 'country must be an ISO 3166-1 alpha-2 code']]);
    expect(codes(await tax.call(ops.list, { first: 101 }))).toEqual([['BAD_USER_INPUT', 'first must be between 0 and 100']]);
    expect(codes(await tax.call(ops.list, { after: 'bogus' }))).toEqual([['BAD_USER_INPUT', 'after is not a valid cursor']]);
  });

  it('resolves a batch of TaxRate references with one query', async () => {
    const rates = [await createRate(tax, { country: 'NL', rateBasisPoints: 2100, name: 'BTW hoog' }), await createRate(tax, { country: 'NL', category: 'food', rateBasisPoints: 900, name: 'BTW laag' })];
    const spy = vi.spyOn(TaxRateStore.prototype, 'findByIds');
    try {
      const reps = [...rates.map((rate) => rate.id), randomUUID()].map((id) => ({ __typename: 'TaxRate', id }));
      const result = await tax.call('query($reps: [_Any!]!) { _entities(representations: $reps) { ... on TaxRate { id name percentage } } }', { reps });
      expect(result.data).toEqual({ _entities: [{ id: rates[0]!.id, name: 'BTW hoog', percentage: '21.00' }, { id: rates[1]!.id, name: 'BTW laag', percentage: '9.00' }, null] });
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});
