import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderRepliesTopic, shippingTopic } from '@shop/events';
import { countQueries, entitiesOf, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { shippingModule, type ShipmentRecord } from '../src';
import { admin, cancelledEvent, codes, customer, outboxFor, shipmentRequestedEvent, shippingOf } from './helpers';
import { AdvanceShipmentDocument, OrderShipmentsDocument, ShipmentDocument, ShipmentReferencesDocument } from './__generated__/graphql';

describe.each(sqlBackends)('shipments on %s', (backend) => {
  let shipping: SubgraphHarness;

  beforeAll(async () => {
    shipping = await startSubgraphHarness({ module: shippingModule, config: {}, backend });
  });
  afterAll(() => shipping.stop());

  /** A PENDING shipment as the saga creates it for a paid order. */
  const newShipment = async (customerId: string = randomUUID()): Promise<ShipmentRecord> => {
    const { saga } = shippingOf(shipping);
    const request = shipmentRequestedEvent(randomUUID(), customerId, 'DHL Express').data;
    return shipping.platform.database.db.transaction((tx) => saga.createShipment(tx, request));
  };
  const advance = async (id: string, caller = admin()) => (await shipping.call(AdvanceShipmentDocument, { id }, caller)).data!.advanceShipment;
  const shipmentAs = async (id: string, caller?: { userId: string; roles: string[] }) => (await shipping.call(ShipmentDocument, { id }, caller)).data!.shipment;

  it('shows a shipment to its customer and admins with every field; to anyone else it does not exist', async () => {
    const owner = customer();
    const created = await newShipment(owner.userId);
    const expected = {
      id: created.id,
      orderId: created.orderId,
      order: { id: created.orderId },
      carrier: 'DHL Express',
      trackingNumber: expect.stringMatching(/^DHLEXP-[0-9A-HJKMNP-TV-Z]{12}$/),
      status: 'PENDING',
      items: [
        { productId: 'prod-1', product: { id: 'prod-1' }, quantity: 2 },
        { productId: 'prod-2', product: { id: 'prod-2' }, quantity: 1 },
      ],
      history: [{ status: 'PENDING', at: created.createdAt.toISOString() }],
      createdAt: created.createdAt.toISOString(),
    };
    expect(await shipmentAs(created.id, owner)).toEqual(expected);
    expect(await shipmentAs(created.id, admin())).toEqual(expected);
    expect(await shipmentAs(created.id, customer())).toBeNull();
    expect(await shipmentAs(created.id)).toBeNull();
    expect(await shipmentAs(randomUUID(), admin())).toBeNull();
    expect(codes(await shipping.call(ShipmentDocument, { id: 'x' }, admin()))).toEqual([['BAD_USER_INPUT', 'id must be a UUID']]);
  });

  it('admins advance PENDING -> SHIPPED -> DELIVERED, each step published; then INVALID_TRANSITION', async () => {
    const created = await newShipment();
    expect(await advance(created.id)).toEqual({
      shipment: { id: created.id, status: 'SHIPPED', history: [{ status: 'PENDING' }, { status: 'SHIPPED' }] },
      errors: [],
    });
    expect(await advance(created.id)).toEqual({
      shipment: { id: created.id, status: 'DELIVERED', history: [{ status: 'PENDING' }, { status: 'SHIPPED' }, { status: 'DELIVERED' }] },
      errors: [],
    });
    expect(await advance(created.id)).toEqual({
      shipment: null,
      errors: [{ code: 'INVALID_TRANSITION', field: 'shipmentId', message: 'The shipment is DELIVERED and cannot advance' }],
    });
    const [stored] = await shippingOf(shipping).stores.shipments.findByIds([created.id]);
    const facts = {
      orderId: created.orderId,
      shipmentId: created.id,
      customerId: created.customerId,
      carrier: 'DHL Express',
      trackingNumber: created.trackingNumber,
    };
    // shipment.created answers the saga (its replies' topic); shipped and delivered go to orders and to shop.shipping (notifications).
    const row = (topic: string, type: string, index: number) => ({ topic, type, data: { ...facts, at: stored!.history[index]!.at } });
    expect(await outboxFor(shipping, created.orderId)).toEqual([
      row(orderRepliesTopic, 'shipment.created', 0),
      row(orderRepliesTopic, 'shipment.shipped', 1),
      row(shippingTopic, 'shipment.shipped', 1),
      row(orderRepliesTopic, 'shipment.delivered', 2),
      row(shippingTopic, 'shipment.delivered', 2),
    ]);
  });

  it('a cancelled shipment cannot advance; an unknown id is NOT_FOUND; a malformed one BAD_USER_INPUT', async () => {
    const created = await newShipment();
    const { saga } = shippingOf(shipping);
    await shipping.platform.database.db.transaction((tx) => saga.cancelShipment(tx, cancelledEvent(created.orderId).data));
    expect(await advance(created.id)).toEqual({
      shipment: null,
      errors: [{ code: 'INVALID_TRANSITION', field: 'shipmentId', message: 'The shipment is CANCELLED and cannot advance' }],
    });
    expect(await advance(randomUUID())).toEqual({ shipment: null, errors: [{ code: 'NOT_FOUND', field: 'shipmentId', message: 'No shipment has this id' }] });
    expect(codes(await shipping.call(AdvanceShipmentDocument, { id: 'nope' }, admin()))).toEqual([['BAD_USER_INPUT', 'shipmentId must be a UUID']]);
  });

  it('customers get FORBIDDEN and anonymous callers UNAUTHENTICATED when advancing, even their own shipment', async () => {
    const owner = customer();
    const created = await newShipment(owner.userId);
    expect(codes(await shipping.call(AdvanceShipmentDocument, { id: created.id }, owner))).toEqual([['FORBIDDEN', 'You are not allowed to do this']]);
    expect(codes(await shipping.call(AdvanceShipmentDocument, { id: created.id }))).toEqual([['UNAUTHENTICATED', 'You must be signed in']]);
    expect((await shipmentAs(created.id, owner))!.status).toBe('PENDING');
  });

  it('Order.shipment: one query for every order of an _entities call, null when none or not the viewer’s', async () => {
    const owner = customer();
    const [mine, alsoMine, someoneElses] = [await newShipment(owner.userId), await newShipment(owner.userId), await newShipment()];
    const unshipped = randomUUID();
    const reps = [mine.orderId, unshipped, alsoMine.orderId, someoneElses.orderId].map((id) => ({ __typename: 'Order', id }));
    const { result, queries } = await countQueries(shipping.platform.database.db, () => shipping.call(OrderShipmentsDocument, { reps }, owner));
    expect(queries).toBe(1);
    expect(
      entitiesOf('Order', result.data!._entities).map((order) => [order!.id, order!.shipment?.id ?? null, order!.shipment?.trackingNumber ?? null]),
    ).toEqual([
      [mine.orderId, mine.id, mine.trackingNumber],
      [unshipped, null, null],
      [alsoMine.orderId, alsoMine.id, alsoMine.trackingNumber],
      [someoneElses.orderId, null, null],
    ]);
    const asAdmin = await shipping.call(OrderShipmentsDocument, { reps: reps.slice(3) }, admin());
    expect(entitiesOf('Order', asAdmin.data!._entities).map((order) => order!.shipment?.id)).toEqual([someoneElses.id]);
  });

  it('Shipment references resolve in one query, each visible only to its customer and admins', async () => {
    const owner = customer();
    const [mine, theirs] = [await newShipment(owner.userId), await newShipment()];
    const reps = [mine.id, theirs.id].map((id) => ({ __typename: 'Shipment', id }));
    expect((await shipping.call(ShipmentReferencesDocument, { reps }, owner)).data!._entities).toEqual([{ id: mine.id, status: 'PENDING' }, null]);
    expect((await shipping.call(ShipmentReferencesDocument, { reps }, admin())).data!._entities).toEqual([
      { id: mine.id, status: 'PENDING' },
      { id: theirs.id, status: 'PENDING' },
    ]);
  });
});
