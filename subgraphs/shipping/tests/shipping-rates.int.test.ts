import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { shippingModule } from '../src';
import { admin, codes, createRate, customer } from './helpers';
import {
  CreateShippingRateDocument,
  DeleteShippingRateDocument,
  ShippingRatesDocument,
  UpdateShippingRateDocument,
  type ShippingRateInput,
} from './__generated__/graphql';

const iso = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

describe.each(sqlBackends)('shipping rates on %s', (backend) => {
  let shipping: SubgraphHarness;

  beforeAll(async () => {
    shipping = await startSubgraphHarness({ module: shippingModule, config: {}, backend });
  });
  afterAll(() => shipping.stop());

  const create = async (input: ShippingRateInput) => (await shipping.call(CreateShippingRateDocument, { input }, admin())).data!.createShippingRate;
  const update = async (id: string, input: ShippingRateInput) =>
    (await shipping.call(UpdateShippingRateDocument, { id, input }, admin())).data!.updateShippingRate;
  const remove = async (id: string) => (await shipping.call(DeleteShippingRateDocument, { id }, admin())).data!.deleteShippingRate;

  it('admins create rates; input is normalized', async () => {
    const input = {
      country: ' at ',
      carrier: ' Post AT ',
      name: ' Paket Österreich ',
      price: { amount: 590, currency: 'eur' },
      freeOver: { amount: 6000, currency: 'EUR' },
      estimatedDays: 3,
    };
    expect(await create(input)).toEqual({
      shippingRate: {
        id: expect.any(String),
        country: 'AT',
        carrier: 'Post AT',
        name: 'Paket Österreich',
        price: { amount: 590, currency: 'EUR' },
        freeOver: { amount: 6000, currency: 'EUR' },
        estimatedDays: 3,
        createdAt: iso,
        updatedAt: iso,
      },
      errors: [],
    });
    const noThreshold = await createRate(shipping, {
      country: 'AT',
      carrier: 'DHL',
      name: 'DHL Express AT',
      price: { amount: 1490, currency: 'EUR' },
      estimatedDays: 1,
    });
    expect(noThreshold.freeOver).toBeNull();
  });

  it('reports every invalid field with a typed code and field', async () => {
    const result = await create({
      country: 'Germany',
      carrier: ' ',
      name: 'x'.repeat(101),
      price: { amount: -1, currency: 'EURO' },
      freeOver: { amount: -5, currency: 'usd' },
      estimatedDays: 366,
    });
    expect(result.shippingRate).toBeNull();
    expect(result.errors.map((error) => [error.code, error.field])).toEqual([
      ['INVALID_COUNTRY', 'country'],
      ['INVALID_FIELD', 'carrier'],
      ['INVALID_FIELD', 'name'],
      ['INVALID_AMOUNT', 'price.amount'],
      ['INVALID_CURRENCY', 'price.currency'],
      ['INVALID_AMOUNT', 'freeOver.amount'],
      ['INVALID_FIELD', 'estimatedDays'],
    ]);
    const mismatch = await create({
      country: 'DE',
      carrier: 'DHL',
      name: 'Paket',
      price: { amount: 499, currency: 'EUR' },
      freeOver: { amount: 5000, currency: 'USD' },
      estimatedDays: 2,
    });
    expect(mismatch).toEqual({
      shippingRate: null,
      errors: [{ code: 'INVALID_CURRENCY', field: 'freeOver.currency', message: 'freeOver must be in the currency of price' }],
    });
  });

  it('refuses a second rate with the same country, carrier, name and currency (also on update)', async () => {
    const input = { country: 'BE', carrier: 'bpost', name: 'Standard', price: { amount: 650, currency: 'EUR' }, estimatedDays: 2 };
    const first = await createRate(shipping, input);
    const duplicate = {
      shippingRate: null,
      errors: [{ code: 'DUPLICATE_RATE', field: null, message: 'A rate with this country, carrier, name and currency already exists' }],
    };
    expect(await create({ ...input, country: 'be', price: { amount: 1, currency: 'EUR' } })).toEqual(duplicate);
    const inDollars = await createRate(shipping, { ...input, price: { amount: 700, currency: 'USD' } });
    expect(await update(inDollars.id, input)).toEqual(duplicate);
    expect(first.price).toEqual({ amount: 650, currency: 'EUR' });
  });

  it('admins update and delete rates; unknown ids are NOT_FOUND, malformed ids BAD_USER_INPUT', async () => {
    const rate = await createRate(shipping, { country: 'IT', carrier: 'Poste', name: 'Crono', price: { amount: 900, currency: 'EUR' }, estimatedDays: 4 });
    const input = {
      country: 'IT',
      carrier: 'Poste',
      name: 'Crono Express',
      price: { amount: 1200, currency: 'EUR' },
      freeOver: { amount: 10_000, currency: 'EUR' },
      estimatedDays: 2,
    };
    const updated = await update(rate.id, input);
    expect(updated).toEqual({
      shippingRate: {
        ...rate,
        name: 'Crono Express',
        price: { amount: 1200, currency: 'EUR' },
        freeOver: { amount: 10_000, currency: 'EUR' },
        estimatedDays: 2,
        updatedAt: iso,
      },
      errors: [],
    });
    expect(await remove(rate.id)).toEqual(updated);
    const notFound = { shippingRate: null, errors: [{ code: 'NOT_FOUND', field: 'id', message: 'No shipping rate has this id' }] };
    expect(await remove(rate.id)).toEqual(notFound);
    expect(await update(rate.id, input)).toEqual(notFound);
    expect((await update(randomUUID(), { ...input, estimatedDays: -1 })).errors[0]!.code).toBe('INVALID_FIELD');
    expect(codes(await shipping.call(DeleteShippingRateDocument, { id: 'nope' }, admin()))).toEqual([['BAD_USER_INPUT', 'id must be a UUID']]);
  });

  it('customers get FORBIDDEN and anonymous callers UNAUTHENTICATED on every write; nothing changes', async () => {
    const rate = await createRate(shipping, {
      country: 'ES',
      carrier: 'Correos',
      name: 'Paq Estándar',
      price: { amount: 595, currency: 'EUR' },
      estimatedDays: 3,
    });
    const input = { country: 'ES', carrier: 'SEUR', name: 'SEUR 24', price: { amount: 795, currency: 'EUR' }, estimatedDays: 1 };
    const writes = [
      (caller?: { userId: string; roles: string[] }) => shipping.call(CreateShippingRateDocument, { input }, caller),
      (caller?: { userId: string; roles: string[] }) => shipping.call(UpdateShippingRateDocument, { id: rate.id, input }, caller),
      (caller?: { userId: string; roles: string[] }) => shipping.call(DeleteShippingRateDocument, { id: rate.id }, caller),
    ];
    for (const write of writes) {
      expect(codes(await write(customer()))).toEqual([['FORBIDDEN', 'You are not allowed to do this']]);
      expect(codes(await write())).toEqual([['UNAUTHENTICATED', 'You must be signed in']]);
    }
    const listed = await shipping.call(ShippingRatesDocument, { country: 'ES' });
    expect(listed.data!.shippingRates.edges.map((edge) => edge.node.name)).toEqual(['Paq Estándar']);
  });

  it('lists rates publicly, by country then creation, in pages', async () => {
    const country = 'PT';
    const names = ['CTT Normal', 'CTT Expresso', 'DPD Classic'];
    for (const [index, name] of names.entries()) {
      await createRate(shipping, { country, carrier: name.split(' ')[0]!, name, price: { amount: 400 + index, currency: 'EUR' }, estimatedDays: 2 });
    }
    const first = (await shipping.call(ShippingRatesDocument, { country: 'pt', first: 2 })).data!.shippingRates;
    expect([first.edges.map((edge) => edge.node.name), first.pageInfo.hasNextPage, first.totalCount]).toEqual([names.slice(0, 2), true, 3]);
    const rest = (await shipping.call(ShippingRatesDocument, { country: 'PT', first: 2, after: first.pageInfo.endCursor })).data!.shippingRates;
    expect([rest.edges.map((edge) => edge.node.name), rest.pageInfo.hasNextPage]).toEqual([names.slice(2), false]);
    expect(codes(await shipping.call(ShippingRatesDocument, { country: 'Portugal' }))).toEqual([
      ['BAD_USER_INPUT', 'country must be an ISO 3166-1 alpha-2 code'],
    ]);
    expect(codes(await shipping.call(ShippingRatesDocument, { first: 101 }))).toEqual([['BAD_USER_INPUT', 'first must be between 0 and 100']]);
    expect(codes(await shipping.call(ShippingRatesDocument, { after: 'forged' }))).toEqual([['BAD_USER_INPUT', 'after is not a valid cursor']]);
  });
});
