import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderRepliesTopic, orderTopics, type EventEnvelope } from '@shop/events';
import { eventually, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { orderSagaHandler, shippingModule } from '../src';
import { admin, cancelledEvent, consumed, createRate, outboxFor, placedEvent, publishOrderEvents, shipmentRequestedEvent, shippingOf } from './helpers';
import { AdvanceShipmentDocument } from './__generated__/graphql';

const trackingNumber = expect.stringMatching(/^DHL-[0-9A-HJKMNP-TV-Z]{12}$/);
const iso = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

describe.each(sqlBackends)('shipping saga steps on %s', (backend) => {
  let shipping: SubgraphHarness;

  beforeAll(async () => {
    shipping = await startSubgraphHarness({ module: shippingModule, config: {}, backend });
    await createRate(shipping, {
      country: 'DE',
      carrier: 'DHL',
      name: 'DHL Paket',
      price: { amount: 499, currency: 'EUR' },
      freeOver: { amount: 5000, currency: 'EUR' },
      estimatedDays: 2,
    });
    await createRate(shipping, { country: 'DE', carrier: 'Hermes', name: 'Hermes PaketShop', price: { amount: 450, currency: 'EUR' }, estimatedDays: 4 });
    await createRate(shipping, { country: 'DE', carrier: 'UPS', name: 'UPS Express', price: { amount: 1290, currency: 'EUR' }, estimatedDays: 1 });
  });
  afterAll(() => shipping.stop());

  /** Delivers the envelopes on shop.orders (in order) and waits until the saga consumer handled the last. */
  const deliver = async (...envelopes: EventEnvelope[]) => {
    await publishOrderEvents(shipping, ...envelopes);
    await eventually(() => consumed(shipping, envelopes.at(-1)!.id));
  };
  const replies = (orderId: string) => outboxFor(shipping, orderId);

  it('order.placed: replies the cheapest rate for the country in the order currency', async () => {
    const placed = placedEvent('DE', { amount: 4999, currency: 'EUR' });
    await deliver(placed);
    expect(await replies(placed.aggregateId)).toEqual([
      {
        topic: orderRepliesTopic,
        type: 'order.shipping-quoted',
        data: { orderId: placed.aggregateId, carrier: 'Hermes', cost: { amount: 450, currency: 'EUR' } },
      },
    ]);
  });

  it('order.placed: shipping is free once the subtotal reaches freeOver', async () => {
    const placed = placedEvent('DE', { amount: 5000, currency: 'EUR' });
    await deliver(placed);
    expect(await replies(placed.aggregateId)).toEqual([
      { topic: orderRepliesTopic, type: 'order.shipping-quoted', data: { orderId: placed.aggregateId, carrier: 'DHL', cost: { amount: 0, currency: 'EUR' } } },
    ]);
  });

  it('order.placed: replies order.shipping-unavailable when no rate ships there in that currency', async () => {
    const [noCountry, noCurrency] = [placedEvent('JP', { amount: 2000, currency: 'EUR' }), placedEvent('DE', { amount: 2000, currency: 'USD' })];
    await deliver(noCountry, noCurrency);
    expect(await replies(noCountry.aggregateId)).toEqual([
      {
        topic: orderRepliesTopic,
        type: 'order.shipping-unavailable',
        data: { orderId: noCountry.aggregateId, country: 'JP', reason: 'We do not ship to JP for orders in EUR' },
      },
    ]);
    expect(await replies(noCurrency.aggregateId)).toEqual([
      {
        topic: orderRepliesTopic,
        type: 'order.shipping-unavailable',
        data: { orderId: noCurrency.aggregateId, country: 'DE', reason: 'We do not ship to DE for orders in USD' },
      },
    ]);
  });

  it('the same order.placed delivered twice gives one reply', async () => {
    const placed = placedEvent('DE', { amount: 100, currency: 'EUR' });
    const sentinel = placedEvent('DE', { amount: 100, currency: 'EUR' });
    await deliver(placed, placed, sentinel);
    expect((await replies(placed.aggregateId)).map((reply) => reply.type)).toEqual(['order.shipping-quoted']);
  });

  it('order.shipment-requested: creates one PENDING shipment and replies shipment.created, also when delivered twice', async () => {
    const requested = shipmentRequestedEvent();
    const sentinel = shipmentRequestedEvent();
    await deliver(requested, requested, sentinel);
    const [shipment] = await shippingOf(shipping).stores.shipments.findByOrderIds([requested.aggregateId]);
    expect(shipment).toEqual({
      id: expect.any(String),
      orderId: requested.data.orderId,
      customerId: requested.data.customerId,
      carrier: 'DHL',
      trackingNumber,
      status: 'PENDING',
      items: requested.data.items,
      address: requested.data.shippingAddress,
      history: [{ status: 'PENDING', at: shipment!.createdAt.toISOString() }],
      createdAt: expect.any(Date),
    });
    const facts = {
      orderId: requested.aggregateId,
      shipmentId: shipment!.id,
      customerId: requested.data.customerId,
      carrier: 'DHL',
      trackingNumber: shipment!.trackingNumber,
      at: iso,
    };
    expect(await replies(requested.aggregateId)).toEqual([{ topic: orderRepliesTopic, type: 'shipment.created', data: facts }]);

    // A re-sent request (a new event for the same order) finds the shipment and answers the same.
    const resent = shipmentRequestedEvent(requested.data.orderId, requested.data.customerId);
    await deliver(resent);
    expect(await shippingOf(shipping).stores.shipments.findByOrderIds([requested.aggregateId])).toEqual([shipment]);
    expect(await replies(requested.aggregateId)).toEqual([
      { topic: orderRepliesTopic, type: 'shipment.created', data: facts },
      { topic: orderRepliesTopic, type: 'shipment.created', data: { ...facts, at: shipment!.createdAt.toISOString() } },
    ]);
  });

  it('order.cancelled: cancels the PENDING shipment once and publishes shipment.cancelled', async () => {
    const requested = shipmentRequestedEvent();
    const cancelled = cancelledEvent(requested.aggregateId);
    await deliver(requested, cancelled, cancelled, placedEvent('DE', { amount: 1, currency: 'EUR' }));
    const [shipment] = await shippingOf(shipping).stores.shipments.findByOrderIds([requested.aggregateId]);
    expect([shipment!.status, shipment!.history.map((change) => change.status)]).toEqual(['CANCELLED', ['PENDING', 'CANCELLED']]);
    expect((await replies(requested.aggregateId)).map((reply) => [reply.type, reply.data.shipmentId, reply.data.at])).toEqual([
      ['shipment.created', shipment!.id, shipment!.history[0]!.at],
      ['shipment.cancelled', shipment!.id, shipment!.history[1]!.at],
    ]);
  });

  it('order.cancelled: a shipped shipment is never cancelled; an order without a shipment is left alone', async () => {
    const requested = shipmentRequestedEvent();
    await deliver(requested);
    const [pending] = await shippingOf(shipping).stores.shipments.findByOrderIds([requested.aggregateId]);
    const advanced = await shipping.call(AdvanceShipmentDocument, { id: pending!.id }, admin());
    expect(advanced.data!.advanceShipment.shipment!.status).toBe('SHIPPED');
    const withoutShipment = randomUUID();
    await deliver(cancelledEvent(requested.aggregateId, 'CONFIRMED'), cancelledEvent(withoutShipment, 'PENDING'));
    const [after] = await shippingOf(shipping).stores.shipments.findByOrderIds([requested.aggregateId]);
    expect([after!.status, after!.history.map((change) => change.status)]).toEqual(['SHIPPED', ['PENDING', 'SHIPPED']]);
    expect((await replies(requested.aggregateId)).map((reply) => [reply.topic, reply.type])).toEqual([
      [orderRepliesTopic, 'shipment.created'],
      [orderRepliesTopic, 'shipment.shipped'],
      ['shop.shipping', 'shipment.shipped'],
    ]);
    expect(await replies(withoutShipment)).toEqual([]);
  });

  it('the inbox handler itself runs an envelope once however often it is handed over', async () => {
    const handle = orderSagaHandler({ db: shipping.platform.database.db, saga: shippingOf(shipping).saga });
    const requested = shipmentRequestedEvent();
    const meta = { topic: orderTopics.shipping, partition: 0, offset: '0', key: requested.aggregateId, attempt: 1, headers: {} };
    await Promise.all([handle(requested, meta), handle(requested, meta)]);
    await handle(requested, { ...meta, attempt: 2 });
    expect(await shippingOf(shipping).stores.shipments.findByOrderIds([requested.aggregateId])).toHaveLength(1);
    expect((await replies(requested.aggregateId)).map((reply) => reply.type)).toEqual(['shipment.created']);
  });
});
