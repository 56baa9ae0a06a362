import type { ReturnStatus, ReturnStatusChanged } from '@shop/events';
import { formatMoney, orderReference, type NotificationText } from './compose-notification';

/** The short form of a return: `R` and the first 8 characters of its id (`R1a2b3c4d`). */
export const returnReference = (returnId: string): string => `R${returnId.replace(/-/g, '').slice(0, 8).toLowerCase()}`;

const units = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;

/** One sentence per status: what happened and what comes next. */
export function returnStatusSentence(data: ReturnStatusChanged): string {
  const sentences: Record<ReturnStatus, string> = {
    REQUESTED: `We received your request to return ${units(data.units)} of order ${orderReference(data.orderId)}; we will tell you when it is reviewed.`,
    APPROVED: `Your return of ${units(data.units)} of order ${orderReference(data.orderId)} is approved: please send the items back.`,
    REJECTED: `Your return of ${units(data.units)} of order ${orderReference(data.orderId)} was not accepted.`,
    RECEIVED: `We received the ${units(data.units)} you returned from order ${orderReference(data.orderId)}; ${formatMoney(data.refund)} is being refunded.`,
    REFUNDED: `${formatMoney(data.refund)} for your return from order ${orderReference(data.orderId)} was refunded to your payment method.`,
  };
  return sentences[data.status];
}

const titles: Record<ReturnStatus, string> = {
  REQUESTED: 'Return requested',
  APPROVED: 'Return approved',
  REJECTED: 'Return rejected',
  RECEIVED: 'Return received',
  REFUNDED: 'Return refunded',
};

export const returnTitle = (status: ReturnStatus): string => titles[status];

export function returnStatusChangedText(data: ReturnStatusChanged): NotificationText {
  const note = data.note && data.status !== 'REQUESTED' ? ` Note: ${data.note}` : '';
  return {
    recipientId: data.customerId,
    kind: 'RETURN_UPDATED',
    orderId: data.orderId,
    title: titles[data.status],
    body: `${returnStatusSentence(data)}${note}`,
  };
}
