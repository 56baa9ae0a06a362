import type { ReturnStatusChanged } from '@shop/events';
import { formatMoney, orderReference } from '../../services/compose-notification';
import { returnReference, returnStatusSentence, returnTitle } from '../../services/return-notification';
import { greet, layout, type Block, type RenderedMail } from './layout';
import type { MailRecipient } from './order-mails';

const orderLink = (storefrontUrl: string, orderId: string) => `${storefrontUrl.replace(/\/$/, '')}/orders/${encodeURIComponent(orderId)}`;

/** Every status change of a return: what happened, the refund, the admin's note or the shopper's reason. */
export function returnUpdatedMail(data: ReturnStatusChanged, to: MailRecipient, storefrontUrl: string): RenderedMail {
  const ref = returnReference(data.returnId);
  const blocks: Block[] = [
    { paragraph: returnStatusSentence(data) },
    { fact: ['Return', ref] },
    { fact: ['Order', orderReference(data.orderId)] },
    { fact: [data.status === 'REFUNDED' ? 'Refunded' : data.status === 'RECEIVED' ? 'Refund' : 'Expected refund', formatMoney(data.refund)] },
  ];
  if (data.note) blocks.push({ fact: [data.status === 'REQUESTED' ? 'Your reason' : 'Note from the shop', data.note] });
  blocks.push({ link: ['View your order', orderLink(storefrontUrl, data.orderId)] });
  return layout(`${returnTitle(data.status)}: ${ref} (order ${orderReference(data.orderId)})`, greet(to.name), blocks);
}
