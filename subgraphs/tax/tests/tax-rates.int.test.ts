import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { taxModule } from '../src';
import { TaxRateStore } from '../src/stores/tax-rate.store';
import { adminCaller, changesOf, codes, createRate, customerCaller } from './helpers';
import {
  CreateTaxRateDocument,
  DeleteTaxRateDocument,
  TaxRateReferencesDocument,
  TaxRatesDocument,
  UpdateTaxRateDocument,
  type TaxRateInput,
} from './__generated__/graphql';

describe.each(sqlBackends)('tax rates on %s', (backend) => {
  let tax: SubgraphHarness;

  beforeAll(async () => {
    tax = await startSubgraphHarness({ module: taxModule, config: {}, backend });
  });
  afterAll(() => tax.stop());

  const create = async (input: TaxRateInput) => (await tax.call(CreateTaxRateDocument, { input }, adminCaller())).data!.createTaxRate;
  const update = async (id: string, input: TaxRateInput) => (await tax.call(UpdateTaxRateDocument, { id, input }, adminCaller())).data!.updateTaxRate;
  const remove = async (id: string) => (await tax.call(DeleteTaxRateDocument, { id }, adminCaller())).data!.deleteTaxRate;

  it('admins create rates; input is normalized and the change announced', async () => {
    const input = {
      country: 'us',
      region: ' ca ',
      category: 'food',
      rateBasisPoints: 725,
      name: ' California food ',
      validFrom: '2026-01-01T00:00:00.000Z',
      validTo: null,
    };
    const created = await create(input);
    expect(created).toEqual({
      taxRate: {
        id: expect.any(String),
        country: 'US',
        region: 'CA',
        category: 'food',
        rateBasisPoints: 725,
        percentage: '7.25',
        name: 'California food',
        validFrom: '2026-01-01T00:00:00.000Z',
        validTo: null,
      },
      errors: [],
    });
    const { id, percentage: _percentage, ...snapshot } = created.taxRate!;
    expect(await changesOf(tax, id)).toEqual([{ type: 'tax-rate.changed', data: { taxRateId: id, change: 'created', ...snapshot } }]);
  });

  it('reports every invalid field with a typed code', async () => {
    const result = await create({
      country: 'Germany',
      region: 'x'.repeat(51),
      rateBasisPoints: 10_001,
      name: ' ',
      validFrom: '2026-02-01T00:00:00Z',
      validTo: '2026-01-01T00:00:00Z',
    });
    expect(result.taxRate).toBeNull();
    expect(result.errors.map((error) => [error.code, error.field])).toEqual([
      ['INVALID_COUNTRY', 'country'],
      ['INVALID_FIELD', 'region'],
      ['INVALID_RATE', 'rateBasisPoints'],
      ['INVALID_FIELD', 'name'],
      ['INVALID_FIELD', 'validTo'],
    ]);
    const negative = await create({ country: 'XX', rateBasisPoints: -1, name: 'x' });
    expect(negative.errors).toEqual([
      { code: 'INVALID_COUNTRY', field: 'country', message: 'Country must be an ISO 3166-1 alpha-2 code such as DE or US' },
      { code: 'INVALID_RATE', field: 'rateBasisPoints', message: 'The rate must be 0 to 10000 basis points (0.00 % to 100.00 %)' },
    ]);
  });

  it('refuses a second rate for the same country, region and category (also on update)', async () => {
    const country = await createRate(tax, { country: 'FR', rateBasisPoints: 2000, name: 'TVA normale' });
    const duplicate = {
      taxRate: null,
      errors: [{ code: 'DUPLICATE_RATE', field: null, message: 'A rate for this country, region and category already exists' }],
    };
    expect(await create({ country: 'fr', rateBasisPoints: 550, name: 'other' })).toEqual(duplicate);
    const reduced = await createRate(tax, { country: 'FR', category: 'books', rateBasisPoints: 550, name: 'TVA réduite' });
    expect(await update(reduced.id, { country: 'FR', rateBasisPoints: 550, name: 'TVA réduite' })).toEqual(duplicate);
    expect(await changesOf(tax, reduced.id)).toHaveLength(1);
    expect(country.category).toBeNull();
  });

  it('admins update and delete rates; unknown ids are NOT_FOUND, malformed ids BAD_USER_INPUT', async () => {
    const rate = await createRate(tax, { country: 'IT', rateBasisPoints: 2200, name: 'IVA' });
    const updated = await update(rate.id, { country: 'IT', region: 'bz', rateBasisPoints: 2000, name: 'IVA Alto Adige' });
    expect(updated).toEqual({ taxRate: { ...rate, region: 'BZ', rateBasisPoints: 2000, percentage: '20.00', name: 'IVA Alto Adige' }, errors: [] });
    expect(await remove(rate.id)).toEqual(updated);
    expect((await changesOf(tax, rate.id)).map((event) => event.data.change)).toEqual(['created', 'updated', 'deleted']);
    const notFound = { taxRate: null, errors: [{ code: 'NOT_FOUND', field: 'id', message: 'No tax rate has this id' }] };
    expect(await remove(rate.id)).toEqual(notFound);
    expect(await update(rate.id, { country: 'IT', rateBasisPoints: 1, name: 'x' })).toEqual(notFound);
    expect((await update(randomUUID(), { country: 'IT', rateBasisPoints: -5, name: 'x' })).errors[0]!.code).toBe('INVALID_RATE');
    expect(codes(await tax.call(DeleteTaxRateDocument, { id: 'nope' }, adminCaller()))).toEqual([['BAD_USER_INPUT', 'id must be a UUID']]);
  });

  it('customers get FORBIDDEN and anonymous callers UNAUTHENTICATED on every write', async () => {
    const rate = await createRate(tax, { country: 'ES', rateBasisPoints: 2100, name: 'IVA general' });
    const writes = [
      (caller?: { userId: string; roles: string[] }) =>
        tax.call(CreateTaxRateDocument, { input: { country: 'ES', region: 'CN', rateBasisPoints: 700, name: 'IGIC' } }, caller),
      (caller?: { userId: string; roles: string[] }) =>
        tax.call(UpdateTaxRateDocument, { id: rate.id, input: { country: 'ES', rateBasisPoints: 0, name: 'free' } }, caller),
      (caller?: { userId: string; roles: string[] }) => tax.call(DeleteTaxRateDocument, { id: rate.id }, caller),
    ];
    for (const write of writes) {
      expect(codes(await write(customerCaller()))?.map(([code]) => code)).toEqual(['FORBIDDEN']);
      expect(codes(await write())?.map(([code]) => code)).toEqual(['UNAUTHENTICATED']);
    }
    const list = await tax.call(TaxRatesDocument, { country: 'ES' });
    expect(list.data!.taxRates).toMatchObject({ totalCount: 1, edges: [{ node: { name: 'IVA general' } }] });
  });

  it('lists rates publicly by country, paginated, with BAD_USER_INPUT for bad arguments', async () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    for (const [i, name] of names.entries()) await createRate(tax, { country: 'CA', region: `R${i}`, rateBasisPoints: 500 + i, name });
    await createRate(tax, { country: 'BE', rateBasisPoints: 2100, name: 'BTW' });
    const page = async (after?: string | null) => (await tax.call(TaxRatesDocument, { country: 'ca', first: 2, ...(after ? { after } : {}) })).data!.taxRates;
    const first = await page();
    const second = await page(first.pageInfo.endCursor);
    const third = await page(second.pageInfo.endCursor);
    expect([first, second, third].map((p) => p.edges.map((edge) => edge.node.name))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect([first, second, third].map((p) => [p.totalCount, p.pageInfo.hasNextPage, p.pageInfo.hasPreviousPage])).toEqual([
      [5, true, false],
      [5, true, true],
      [5, false, true],
    ]);
    const all = (await tax.call(TaxRatesDocument, { first: 100 })).data!.taxRates;
    expect(all.edges.map((edge) => edge.node.name).indexOf('BTW')).toBeLessThan(all.edges.map((edge) => edge.node.name).indexOf('a'));
    expect(codes(await tax.call(TaxRatesDocument, { country: 'ZZ' }))).toEqual([['BAD_USER_INPUT', 'country must be an ISO 3166-1 alpha-2 code']]);
    expect(codes(await tax.call(TaxRatesDocument, { first: 101 }))).toEqual([['BAD_USER_INPUT', 'first must be between 0 and 100']]);
    expect(codes(await tax.call(TaxRatesDocument, { after: 'bogus' }))).toEqual([['BAD_USER_INPUT', 'after is not a valid cursor']]);
  });

  it('resolves a batch of TaxRate references with one query', async () => {
    const rates = [
      await createRate(tax, { country: 'NL', rateBasisPoints: 2100, name: 'BTW hoog' }),
      await createRate(tax, { country: 'NL', category: 'food', rateBasisPoints: 900, name: 'BTW laag' }),
    ];
    const spy = vi.spyOn(TaxRateStore.prototype, 'findByIds');
    try {
      const reps = [...rates.map((rate) => rate.id), randomUUID()].map((id) => ({ __typename: 'TaxRate', id }));
      const result = await tax.call(TaxRateReferencesDocument, { reps });
      expect(result.data).toEqual({
        _entities: [{ id: rates[0]!.id, name: 'BTW hoog', percentage: '21.00' }, { id: rates[1]!.id, name: 'BTW laag', percentage: '9.00' }, null],
      });
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});
