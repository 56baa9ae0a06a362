import { describe, expect, it } from 'vitest';
import { renderMail } from './render-mail';

const orderId = '1a2b3c4d-0000-4000-8000-000000000000';
const to = { email: 'ada@example.com', name: 'Ada <Lovelace>' };
const shipment = { orderId, customerId: 'u1', shipmentId: 's1', carrier: 'DHL', trackingNumber: 'JD0146000031', at: '2026-12-02T10:00:00.000Z' };
const token = 'a'.repeat(43);

describe('mail templates (plain text + HTML)', () => {
  it('order confirmation: reference, item count, total, link; names are escaped in HTML', () => {
    const mail = renderMail(
      'ORDER_CONFIRMED',
      { orderId, customerId: 'u1', total: { amount: 4999, currency: 'EUR' }, items: [{ productId: 'p', quantity: 2 }], promotionIds: [] },
      to,
      'https://shop.test/',
    );
    expect(mail.subject).toBe('Order #1a2b3c4d confirmed');
    expect(mail.text).toBe(
      [
        'Hello Ada <Lovelace>,',
        'Thank you for your order. Payment is taken and your order #1a2b3c4d is confirmed; we will mail you again when it ships.',
        'Order: #1a2b3c4d',
        'Items: 2 items',
        'Total paid: €49.99',
        `View your order:\nhttps://shop.test/orders/${orderId}`,
        '-- \nThe Shop team',
      ].join('\n\n') + '\n',
    );
    expect(mail.html).toContain('<p>Hello Ada &lt;Lovelace&gt;,</p>');
    expect(mail.html).toContain('<p><strong>Total paid:</strong> €49.99</p>');
    expect(mail.html).toContain(`href="https://shop.test/orders/${orderId}"`);
  });

  it('shipped carries carrier and tracking number; delivered says who delivered', () => {
    const shipped = renderMail('SHIPMENT_SHIPPED', shipment, to, 'https://shop.test');
    expect(shipped.subject).toBe('Order #1a2b3c4d shipped');
    expect(shipped.text).toContain('Carrier: DHL\n\nTracking number: JD0146000031');
    expect(shipped.html).toContain('<p><strong>Tracking number:</strong> JD0146000031</p>');
    const delivered = renderMail('SHIPMENT_DELIVERED', shipment, to, 'https://shop.test');
    expect(delivered.subject).toBe('Order #1a2b3c4d delivered');
    expect(delivered.text).toContain('was delivered by DHL (tracking number JD0146000031)');
  });

  it('cancelled gives the reason', () => {
    const mail = renderMail(
      'ORDER_CANCELLED',
      {
        orderId,
        customerId: 'u1',
        code: 'PAYMENT_DECLINED',
        reason: 'Your card was declined.',
        previousStatus: 'STOCK_RESERVED',
        items: [{ productId: 'p', quantity: 1 }],
      },
      to,
      'https://shop.test',
    );
    expect(mail.subject).toBe('Order #1a2b3c4d cancelled');
    expect(mail.text).toContain('Reason: Your card was declined.');
  });

  it('account mails carry the one-time token as a link and as a code, with its expiry', () => {
    const data = { userId: 'u1', email: 'ada@example.com', name: 'Ada', token, expiresAt: '2026-12-02T11:00:00.000Z' };
    const reset = renderMail('PASSWORD_RESET', data, to, 'https://shop.test');
    expect(reset.subject).toBe('Reset your password');
    expect(reset.text).toContain(`Choose a new password:\nhttps://shop.test/reset-password?token=${token}`);
    expect(reset.text).toContain(`Or use this code with resetPassword: ${token}`);
    expect(reset.text).toContain('expires Wed, 02 Dec 2026 11:00:00 GMT');
    expect(reset.html).toContain(`href="https://shop.test/reset-password?token=${token}"`);
    const verify = renderMail('VERIFY_EMAIL', data, to, 'https://shop.test');
    expect(verify.subject).toBe('Confirm your e-mail address');
    expect(verify.text).toContain(`https://shop.test/verify-email?token=${token}`);
    const changed = renderMail(
      'PASSWORD_CHANGED',
      { userId: 'u1', email: 'ada@example.com', name: 'Ada', at: '2026-12-02T10:00:00.000Z' },
      to,
      'https://shop.test',
    );
    expect(changed.text).toContain('every device was signed out');
  });

  it('refuses data that does not match the template', () => {
    expect(() => renderMail('PASSWORD_RESET', { userId: 'u1' }, to, 'https://shop.test')).toThrow();
  });
});
