import { describe, expect, it } from 'vitest';
import { formatMoney, orderCancelledText, orderConfirmedText, orderReference, shipmentDeliveredText, shipmentShippedText } from './compose-notification';

const orderId = '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d';
const shipment = { orderId, shipmentId: 'ship-1', customerId: 'user-1', carrier: 'DHL', trackingNumber: 'JD0146000031', at: '2026-11-24T18:00:00.000Z' };

describe('notification texts', () => {
  it('refers to an order by # and the first 8 characters of its id', () => {
    expect(orderReference(orderId)).toBe('#1a2b3c4d');
    expect(orderReference('ABCD-EF12-3456')).toBe('#abcdef12');
  });

  it('formats minor units with the currency’s own decimals', () => {
    expect(formatMoney({ amount: 4999, currency: 'EUR' })).toBe('€49.99');
    expect(formatMoney({ amount: 123456, currency: 'USD' })).toBe('$1,234.56');
    expect(formatMoney({ amount: 1200, currency: 'JPY' })).toBe('¥1,200');
    expect(formatMoney({ amount: 1500, currency: 'BHD' })).toBe('BHD\u00a01.500');
  });

  it('order.confirmed: confirmed, with the total', () => {
    expect(
      orderConfirmedText({
        orderId,
        customerId: 'user-1',
        total: { amount: 4999, currency: 'EUR' },
        items: [{ productId: 'p', quantity: 1 }],
        promotionIds: [],
      }),
    ).toEqual({
      recipientId: 'user-1',
      kind: 'ORDER_CONFIRMED',
      orderId,
      title: 'Order confirmed',
      body: 'Your order #1a2b3c4d is confirmed. Total: €49.99.',
    });
  });

  it('order.cancelled: the reason from the event, ending as a sentence', () => {
    const base = { orderId, customerId: 'user-1', code: 'OUT_OF_STOCK', previousStatus: 'PRICED' as const, items: [{ productId: 'p', quantity: 1 }] };
    expect(orderCancelledText({ ...base, reason: 'Tea pot is out of stock' })).toEqual({
      recipientId: 'user-1',
      kind: 'ORDER_CANCELLED',
      orderId,
      title: 'Order cancelled',
      body: 'Your order #1a2b3c4d was cancelled. Tea pot is out of stock.',
    });
    expect(orderCancelledText({ ...base, reason: 'Your card was declined.' }).body).toBe('Your order #1a2b3c4d was cancelled. Your card was declined.');
  });

  it('shipment.shipped and shipment.delivered: carrier and tracking number', () => {
    expect(shipmentShippedText(shipment)).toEqual({
      recipientId: 'user-1',
      kind: 'SHIPMENT_SHIPPED',
      orderId,
      title: 'Order shipped',
      body: 'Your order #1a2b3c4d is on its way with DHL (tracking number JD0146000031).',
    });
    expect(shipmentDeliveredText(shipment)).toEqual({
      recipientId: 'user-1',
      kind: 'SHIPMENT_DELIVERED',
      orderId,
      title: 'Order delivered',
      body: 'Your order #1a2b3c4d was delivered by DHL.',
    });
  });
});
