import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries, entitiesOf, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { shippingModule } from '../src';
import { createRate, type Rate } from './helpers';
import { CartShippingQuotesDocument, type CartShippingQuotesQuery } from './__generated__/graphql';

type QuotedCart = Extract<CartShippingQuotesQuery['_entities'][number], { __typename?: 'Cart' }>;
type Option = QuotedCart['shippingOptions'][number];

/** A Cart representation as the router sends it: the key plus the fields shipping @requires from orders. */
const cart = (country: string | null, subtotal: { amount: number; currency: string } | null, id = randomUUID()) => ({
  __typename: 'Cart',
  id,
  shippingAddress: country === null ? null : { country },
  subtotal,
});

describe.each(sqlBackends)('Cart shipping quote on %s', (backend) => {
  let shipping: SubgraphHarness;
  let standard: Rate;
  let express: Rate;
  let pickup: Rate;

  beforeAll(async () => {
    shipping = await startSubgraphHarness({ module: shippingModule, config: {}, backend });
    standard = await createRate(shipping, {
      country: 'DE',
      carrier: 'DHL',
      name: 'DHL Paket',
      price: { amount: 499, currency: 'EUR' },
      freeOver: { amount: 5000, currency: 'EUR' },
      estimatedDays: 2,
    });
    express = await createRate(shipping, { country: 'DE', carrier: 'UPS', name: 'UPS Express', price: { amount: 1290, currency: 'EUR' }, estimatedDays: 1 });
    pickup = await createRate(shipping, {
      country: 'DE',
      carrier: 'Hermes',
      name: 'Hermes PaketShop',
      price: { amount: 399, currency: 'EUR' },
      estimatedDays: 4,
    });
    await createRate(shipping, { country: 'DE', carrier: 'DHL', name: 'DHL Paket', price: { amount: 599, currency: 'USD' }, estimatedDays: 5 });
    await createRate(shipping, {
      country: 'FR',
      carrier: 'Colissimo',
      name: 'Colissimo',
      price: { amount: 695, currency: 'EUR' },
      freeOver: { amount: 6000, currency: 'EUR' },
      estimatedDays: 3,
    });
  });
  afterAll(() => shipping.stop());

  const quote = async (...reps: Array<ReturnType<typeof cart>>) => {
    const result = await shipping.call(CartShippingQuotesDocument, { reps });
    expect(result.errors).toBeUndefined();
    return entitiesOf('Cart', result.data!._entities);
  };
  const option = (rate: Rate, cost: number, free = false): Option => ({
    rate: { id: rate.id },
    carrier: rate.carrier,
    name: rate.name,
    cost: { amount: cost, currency: 'EUR' },
    free,
    estimatedDays: rate.estimatedDays,
  });

  it('lists every rate of the country in the cart currency with its cost, cheapest first', async () => {
    const reference = cart('DE', { amount: 4999, currency: 'EUR' });
    expect(await quote(reference)).toEqual([
      {
        id: reference.id,
        shippingOptions: [option(pickup, 399), option(standard, 499), option(express, 1290)],
        shippingCost: { amount: 399, currency: 'EUR' },
      },
    ]);
  });

  it('ships free once the subtotal reaches freeOver, and the free option becomes the cost', async () => {
    const [quoted] = await quote(cart('DE', { amount: 5000, currency: 'EUR' }));
    expect(quoted!.shippingOptions).toEqual([option(standard, 0, true), option(pickup, 399), option(express, 1290)]);
    expect(quoted!.shippingCost).toEqual({ amount: 0, currency: 'EUR' });
  });

  it('has no options and no cost without an address, for an empty cart, or where nothing ships in that currency', async () => {
    const carts = [
      cart(null, { amount: 1000, currency: 'EUR' }),
      cart('DE', null),
      cart('JP', { amount: 1000, currency: 'EUR' }),
      cart('FR', { amount: 1000, currency: 'GBP' }),
    ];
    expect(await quote(...carts)).toEqual(carts.map(({ id }) => ({ id, shippingOptions: [], shippingCost: null })));
  });

  it('quotes each cart of one _entities call with one query, whatever its country and currency', async () => {
    const carts = [
      cart('DE', { amount: 100, currency: 'EUR' }),
      cart('FR', { amount: 6000, currency: 'EUR' }),
      cart('de', { amount: 100, currency: 'USD' }),
      cart('FR', { amount: 5999, currency: 'EUR' }),
      cart('IT', { amount: 100, currency: 'EUR' }),
      cart(null, null),
    ];
    const { result: quoted, queries } = await countQueries(shipping.platform.database.db, () => quote(...carts));
    expect(queries).toBe(1);
    expect(quoted.map((entity) => [entity!.shippingCost?.amount ?? null, entity!.shippingCost?.currency ?? null, entity!.shippingOptions.length])).toEqual([
      [399, 'EUR', 3],
      [0, 'EUR', 1],
      [599, 'USD', 1],
      [695, 'EUR', 1],
      [null, null, 0],
      [null, null, 0],
    ]);
  });
});
