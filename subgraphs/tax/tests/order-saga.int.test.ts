import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderTaxRequested } from '@shop/events';
import { entitiesOf, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { taxModule } from '../src';
import { adminCaller, cartLine, cartRepresentation, countQueries, createRate, customerCaller, deliver, eur, taxReplies } from './helpers';
import { CartTaxesDocument, OrderTaxLinesDocument } from './__generated__/graphql';

const address = { name: 'Ada Lovelace', line1: '1 Rue de Rivoli', line2: null, city: 'Paris', region: null, postalCode: '75001', country: 'FR' };

describe.each(sqlBackends)('tax checkout saga on %s', (backend) => {
  let tax: SubgraphHarness;

  beforeAll(async () => {
    tax = await startSubgraphHarness({ module: taxModule, config: {}, backend });
    await createRate(tax, { country: 'FR', rateBasisPoints: 2000, name: 'TVA normale' });
    await createRate(tax, { country: 'FR', category: 'books', rateBasisPoints: 550, name: 'TVA réduite' });
  });
  afterAll(() => tax.stop());

  const requested = (customerId: string, orderId = randomUUID()) =>
    orderTaxRequested.create(orderId, {
      orderId,
      customerId,
      shippingAddress: address,
      lines: [
        { lineId: 'l1', productId: 'p1', categoryId: 'books', quantity: 2, netAmount: eur(1799) },
        { lineId: 'l2', productId: 'p2', categoryId: 'misc', quantity: 1, netAmount: eur(2599) },
      ],
      shippingCost: eur(495),
    });
  const orderTaxLines = async (orderIds: string[], caller?: { userId: string; roles: string[] }) => {
    const result = await tax.call(OrderTaxLinesDocument, { reps: orderIds.map((id) => ({ __typename: 'Order', id })) }, caller);
    return { ...result, data: result.data && { _entities: entitiesOf('Order', result.data._entities) } };
  };

  it('answers order.tax-requested delivered twice with ONE order.taxed, equal to Cart.tax for the same cart', async () => {
    const customer = customerCaller();
    const event = requested(customer.userId);
    await deliver(tax, event, event);

    // l1: 1799 x 5.5 % = 98.945 -> 99; l2: 2599 x 20 % = 519.8 -> 520; shipping: 495 x 20 % = 99
    const lines = [
      { lineId: 'l1', name: 'TVA réduite', rateBasisPoints: 550, amount: 99 },
      { lineId: 'l2', name: 'TVA normale', rateBasisPoints: 2000, amount: 520 },
      { lineId: 'shipping', name: 'TVA normale', rateBasisPoints: 2000, amount: 99 },
    ];
    expect(await taxReplies(tax, event.data.orderId)).toEqual([{ orderId: event.data.orderId, tax: eur(718), lines }]);

    // The same cart before ordering: 2 x 1000 - 201 discount = 1799, 2599, shipping 495.
    const cart = cartRepresentation({
      address: { country: 'FR' },
      lines: [cartLine('l1', 'books', eur(1000), 2), cartLine('l2', 'misc', eur(2599))],
      discounts: { l1: 201 },
      shippingCost: 495,
    });
    const quote = entitiesOf('Cart', (await tax.call(CartTaxesDocument, { reps: [cart] }, customer)).data!._entities)[0]!.tax;
    expect(quote).toEqual({ total: eur(718), lines: lines.map((line) => ({ ...line, amount: eur(line.amount) })) });
  });

  it("shows an order's tax lines to its customer and admins only, one SQL statement for many orders", async () => {
    const customer = customerCaller();
    const [first, second] = [requested(customer.userId), requested(customer.userId)];
    await deliver(tax, first, second);
    const ids = [first.data.orderId, second.data.orderId, randomUUID()];
    const { result, queries } = await countQueries(tax, () => orderTaxLines(ids, customer));
    expect(queries).toBe(1);
    const expected = [
      { lineId: 'l1', name: 'TVA réduite', rateBasisPoints: 550, amount: eur(99) },
      { lineId: 'l2', name: 'TVA normale', rateBasisPoints: 2000, amount: eur(520) },
      { lineId: 'shipping', name: 'TVA normale', rateBasisPoints: 2000, amount: eur(99) },
    ];
    expect(result.data!._entities).toEqual([
      { id: ids[0], taxLines: expected },
      { id: ids[1], taxLines: expected },
      { id: ids[2], taxLines: [] },
    ]);
    expect((await orderTaxLines([ids[0]!], adminCaller())).data!._entities[0]!.taxLines).toEqual(expected);
    expect((await orderTaxLines([ids[0]!], customerCaller())).data!._entities[0]!.taxLines).toEqual([]);
    expect((await orderTaxLines([ids[0]!])).data!._entities[0]!.taxLines).toEqual([]);
  });
});
