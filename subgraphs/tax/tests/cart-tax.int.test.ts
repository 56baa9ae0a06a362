import type { Money } from '@shop/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entitiesOf, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { taxModule } from '../src';
import { cartLine, cartRepresentation, codes, countQueries, createRate, customerCaller, eur, usd } from './helpers';
import { CartTaxesDocument } from './__generated__/graphql';

describe.each(sqlBackends)('Cart.tax on %s', (backend) => {
  let tax: SubgraphHarness;

  beforeAll(async () => {
    tax = await startSubgraphHarness({ module: taxModule, config: {}, backend });
  });
  afterAll(() => tax.stop());

  const taxOf = async (reps: unknown[]) => {
    const result = await tax.call(CartTaxesDocument, { reps }, customerCaller());
    return { ...result, data: result.data && { _entities: entitiesOf('Cart', result.data._entities) } };
  };

  it('taxes each line after its discount at its regional rate (a category override winning), and the shipping cost', async () => {
    await createRate(tax, { country: 'US', region: 'CA', rateBasisPoints: 725, name: 'CA sales tax' });
    await createRate(tax, { country: 'US', region: 'CA', category: 'food', rateBasisPoints: 0, name: 'CA food exempt' });
    await createRate(tax, { country: 'US', region: 'NY', rateBasisPoints: 400, name: 'NY sales tax' });
    const california = cartRepresentation({
      address: { country: 'us', region: 'ca' },
      lines: [cartLine('l1', 'tools', usd(1999), 3), cartLine('l2', 'food', usd(450), 2)],
      discounts: { l1: 600 },
      shippingCost: 599,
    });
    const newYork = cartRepresentation({ address: { country: 'US', region: 'NY' }, lines: [cartLine('n1', 'tools', usd(1000))], shippingCost: null });
    // l1: (5997 - 600) x 7.25 % = 391.28 -> 391; l2: food at 0 %; shipping: 599 x 7.25 % = 43.43 -> 43
    expect((await taxOf([california, newYork])).data!._entities).toEqual([
      {
        id: california.id,
        tax: {
          total: usd(434),
          lines: [
            { lineId: 'l1', name: 'CA sales tax', rateBasisPoints: 725, amount: usd(391) },
            { lineId: 'l2', name: 'CA food exempt', rateBasisPoints: 0, amount: usd(0) },
            { lineId: 'shipping', name: 'CA sales tax', rateBasisPoints: 725, amount: usd(43) },
          ],
        },
      },
      { id: newYork.id, tax: { total: usd(40), lines: [{ lineId: 'n1', name: 'NY sales tax', rateBasisPoints: 400, amount: usd(40) }] } },
    ]);
  });

  it('applies a country-wide category override, and a `shipping` category rate to shipping', async () => {
    await createRate(tax, { country: 'DE', rateBasisPoints: 1900, name: 'VAT standard' });
    await createRate(tax, { country: 'DE', category: 'books', rateBasisPoints: 700, name: 'VAT reduced' });
    await createRate(tax, { country: 'FR', rateBasisPoints: 2000, name: 'TVA normale' });
    await createRate(tax, { country: 'FR', category: 'shipping', rateBasisPoints: 550, name: 'TVA transport' });
    const germany = cartRepresentation({
      address: { country: 'DE' },
      lines: [cartLine('b', 'books', eur(1000)), cartLine('m', 'misc', eur(2599))],
      shippingCost: 499,
    });
    const france = cartRepresentation({ address: { country: 'FR' }, lines: [cartLine('f', 'misc', eur(500))], shippingCost: 1000 });
    expect((await taxOf([germany, france])).data!._entities.map((cart) => cart!.tax)).toEqual([
      {
        total: eur(659), // 70 + 493.81 -> 494 + 94.81 -> 95
        lines: [
          { lineId: 'b', name: 'VAT reduced', rateBasisPoints: 700, amount: eur(70) },
          { lineId: 'm', name: 'VAT standard', rateBasisPoints: 1900, amount: eur(494) },
          { lineId: 'shipping', name: 'VAT standard', rateBasisPoints: 1900, amount: eur(95) },
        ],
      },
      {
        total: eur(155),
        lines: [
          { lineId: 'f', name: 'TVA normale', rateBasisPoints: 2000, amount: eur(100) },
          { lineId: 'shipping', name: 'TVA transport', rateBasisPoints: 550, amount: eur(55) },
        ],
      },
    ]);
  });

  it('costs one SQL statement per _entities call; null without an address or for an empty cart; `No tax` where no rate applies', async () => {
    await createRate(tax, { country: 'AT', rateBasisPoints: 2000, name: 'USt' });
    const austria = cartRepresentation({ address: { country: 'AT' }, lines: [cartLine('a', 'misc', eur(1001))], shippingCost: 0 });
    const japan = cartRepresentation({ address: { country: 'JP' }, lines: [cartLine('j', 'misc', eur(1000))], shippingCost: 500 });
    const noAddress = cartRepresentation({ address: null, lines: [cartLine('x', 'misc', eur(1000))] });
    const empty = cartRepresentation({ address: { country: 'AT' }, lines: [] });
    const { result, queries } = await countQueries(tax, () => taxOf([austria, japan, noAddress, empty]));
    expect(queries).toBe(1);
    expect(result.data!._entities.map((cart) => cart!.tax)).toEqual([
      { total: eur(200), lines: [{ lineId: 'a', name: 'USt', rateBasisPoints: 2000, amount: eur(200) }] }, // 200.2; free shipping adds no line
      {
        total: eur(0),
        lines: [
          { lineId: 'j', name: 'No tax', rateBasisPoints: 0, amount: eur(0) },
          { lineId: 'shipping', name: 'No tax', rateBasisPoints: 0, amount: eur(0) },
        ],
      },
      null,
      null,
    ]);
  });

  it.each([
    [{ discounts: { a: 1001 } }, 'line a: the discount is larger than the line'],
    [{ shippingCost: { amount: 100, currency: 'USD' } }, "shippingCost is not in the cart's currency EUR"],
  ])('refuses an inconsistent cart (%j) with BAD_USER_INPUT', async (change, message) => {
    const { shippingCost, ...rest } = change as { shippingCost?: Money; discounts?: Record<string, number> };
    const cart = {
      ...cartRepresentation({ address: { country: 'DE' }, lines: [cartLine('a', 'misc', eur(1000))], ...rest }),
      ...(shippingCost ? { shippingCost } : {}),
    };
    expect(codes(await taxOf([cart]))).toEqual([['BAD_USER_INPUT', `Cart ${cart.id}: ${message}`]]);
  });
});
