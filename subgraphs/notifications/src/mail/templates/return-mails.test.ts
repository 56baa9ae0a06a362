import { describe, expect, it } from 'vitest';
import { returnStatusChangedText } from '../../services/return-notification';
import { renderMail } from './render-mail';

const orderId = '1a2b3c4d-0000-4000-8000-000000000000';
const returnId = '9f8e7d6c-0000-4000-8000-000000000000';
const change = (status: 'REQUESTED' | 'APPROVED' | 'REJECTED' | 'RECEIVED' | 'REFUNDED', note: string | null) => ({
  returnId,
  orderId,
  customerId: 'u1',
  status,
  previousStatus: null,
  note,
  units: 2,
  refund: { amount: 1080, currency: 'EUR' },
  at: '2026-12-02T10:00:00.000Z',
});

describe('return-update mail and notification', () => {
  it('refunded: the amount, the return and order references, the link; text and HTML say the same', () => {
    const mail = renderMail('RETURN_UPDATED', change('REFUNDED', null), { email: 'ada@example.com', name: 'Ada' }, 'https://shop.test/');
    expect(mail.subject).toBe('Return refunded: R9f8e7d6c (order #1a2b3c4d)');
    expect(mail.text).toBe(
      [
        'Hello Ada,',
        '€10.80 for your return from order #1a2b3c4d was refunded to your payment method.',
        'Return: R9f8e7d6c',
        'Order: #1a2b3c4d',
        'Refunded: €10.80',
        `View your order:\nhttps://shop.test/orders/${orderId}`,
        '-- \nThe Shop team',
      ].join('\n\n') + '\n',
    );
    expect(mail.html).toContain('<p><strong>Refunded:</strong> €10.80</p>');
  });

  it("rejected carries the admin's note, escaped in HTML; requested quotes the shopper's reason", () => {
    const rejected = renderMail('RETURN_UPDATED', change('REJECTED', 'Worn <twice>'), { email: 'ada@example.com' }, 'https://shop.test');
    expect(rejected.text).toContain('Your return of 2 items of order #1a2b3c4d was not accepted.\n\nReturn: R9f8e7d6c');
    expect(rejected.text).toContain('Note from the shop: Worn <twice>');
    expect(rejected.html).toContain('Worn &lt;twice&gt;');
    const requested = renderMail('RETURN_UPDATED', change('REQUESTED', 'Too small'), { email: 'ada@example.com' }, 'https://shop.test');
    expect(requested.text).toContain('Your reason: Too small');
    expect(requested.text).toContain('Expected refund: €10.80');
  });

  it('the in-app notification: a title per status, the note of a decision', () => {
    expect(returnStatusChangedText(change('APPROVED', 'Send it to our Leeds depot'))).toEqual({
      recipientId: 'u1',
      kind: 'RETURN_UPDATED',
      orderId,
      title: 'Return approved',
      body: 'Your return of 2 items of order #1a2b3c4d is approved: please send the items back. Note: Send it to our Leeds depot',
    });
    expect(returnStatusChangedText(change('RECEIVED', null)).body).toBe('We received the 2 items you returned from order #1a2b3c4d; €10.80 is being refunded.');
  });
});
