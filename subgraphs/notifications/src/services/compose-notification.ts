import type { Money, OrderCancelled, OrderConfirmed, ShipmentFacts } from '@shop/events';
import type { NewNotification } from '../stores/notification.store';

/** What a shopper reads, before it is stored for one recipient and one event. */
export type NotificationText = Omit<NewNotification, 'sourceEventId'>;

/** The short form shoppers see: `#` and the first 8 characters of the order id (`#1a2b3c4d`). */
export const orderReference = (orderId: string): string => `#${orderId.replace(/-/g, '').slice(0, 8).toLowerCase()}`;

/** Minor units as a shopper reads them (`€49.99`, `¥1,200`): the currency decides its decimals. */
export function formatMoney({ amount, currency }: Money): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

/** A reason from an event is a sentence; make sure it ends like one. */
const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

export function orderConfirmedText(data: OrderConfirmed): NotificationText {
  return {
    recipientId: data.customerId,
    kind: 'ORDER_CONFIRMED',
    orderId: data.orderId,
    title: 'Order confirmed',
    body: `Your order ${orderReference(data.orderId)} is confirmed. Total: ${formatMoney(data.total)}.`,
  };
}

export function orderCancelledText(data: OrderCancelled): NotificationText {
  return {
    recipientId: data.customerId,
    kind: 'ORDER_CANCELLED',
    orderId: data.orderId,
    title: 'Order cancelled',
    body: `Your order ${orderReference(data.orderId)} was cancelled. ${sentence(data.reason)}`,
  };
}

export function shipmentShippedText(data: ShipmentFacts): NotificationText {
  return {
    recipientId: data.customerId,
    kind: 'SHIPMENT_SHIPPED',
    orderId: data.orderId,
    title: 'Order shipped',
    body: `Your order ${orderReference(data.orderId)} is on its way with ${data.carrier} (tracking number ${data.trackingNumber}).`,
  };
}

export function shipmentDeliveredText(data: ShipmentFacts): NotificationText {
  return {
    recipientId: data.customerId,
    kind: 'SHIPMENT_DELIVERED',
    orderId: data.orderId,
    title: 'Order delivered',
    body: `Your order ${orderReference(data.orderId)} was delivered by ${data.carrier}.`,
  };
}
