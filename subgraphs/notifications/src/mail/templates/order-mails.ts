import type { OrderCancelled, OrderConfirmed, ShipmentFacts } from '@shop/events';
import { formatMoney, orderReference } from '../../services/compose-notification';
import { greet, layout, type RenderedMail } from './layout';

/** Who a mail is for, as notifications knows them. */
export interface MailRecipient {
  email: string;
  name?: string;
}

const orderLink = (storefrontUrl: string, orderId: string) => `${storefrontUrl.replace(/\/$/, '')}/orders/${encodeURIComponent(orderId)}`;

export function orderConfirmedMail(data: OrderConfirmed, to: MailRecipient, storefrontUrl: string): RenderedMail {
  const ref = orderReference(data.orderId);
  const units = data.items.reduce((sum, item) => sum + item.quantity, 0);
  return layout(`Order ${ref} confirmed`, greet(to.name), [
    { paragraph: `Thank you for your order. Payment is taken and your order ${ref} is confirmed; we will mail you again when it ships.` },
    { fact: ['Order', ref] },
    { fact: ['Items', `${units} ${units === 1 ? 'item' : 'items'}`] },
    { fact: ['Total paid', formatMoney(data.total)] },
    { link: ['View your order', orderLink(storefrontUrl, data.orderId)] },
  ]);
}

export function orderCancelledMail(data: OrderCancelled, to: MailRecipient, storefrontUrl: string): RenderedMail {
  const ref = orderReference(data.orderId);
  return layout(`Order ${ref} cancelled`, greet(to.name), [
    { paragraph: `Your order ${ref} was cancelled.` },
    { fact: ['Reason', data.reason] },
    { paragraph: 'Anything already charged for it is refunded to your payment method.' },
    { link: ['View your order', orderLink(storefrontUrl, data.orderId)] },
  ]);
}

export function shipmentShippedMail(data: ShipmentFacts, to: MailRecipient, storefrontUrl: string): RenderedMail {
  const ref = orderReference(data.orderId);
  return layout(`Order ${ref} shipped`, greet(to.name), [
    { paragraph: `Good news: your order ${ref} is on its way.` },
    { fact: ['Carrier', data.carrier] },
    { fact: ['Tracking number', data.trackingNumber] },
    { link: ['Track your order', orderLink(storefrontUrl, data.orderId)] },
  ]);
}

export function shipmentDeliveredMail(data: ShipmentFacts, to: MailRecipient, storefrontUrl: string): RenderedMail {
  const ref = orderReference(data.orderId);
  return layout(`Order ${ref} delivered`, greet(to.name), [
    { paragraph: `Your order ${ref} was delivered by ${data.carrier} (tracking number ${data.trackingNumber}). We hope you enjoy it.` },
    { link: ['View your order', orderLink(storefrontUrl, data.orderId)] },
  ]);
}
