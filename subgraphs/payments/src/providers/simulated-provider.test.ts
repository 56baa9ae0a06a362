import { describe, expect, it } from 'vitest';
import { SimulatedPaymentProvider, testCards } from './simulated-provider';

const eur = { amount: 1000, currency: 'EUR' };
const authorize = (provider: SimulatedPaymentProvider, number: string, idempotencyKey = 'k') =>
  provider.authorize({ idempotencyKey, amount: eur, method: { number }, orderId: 'o' });

describe('SimulatedPaymentProvider', () => {
  it('authorizes 4242 4242 4242 4242 (spaces allowed) and keeps only brand and last4', async () => {
    const result = await authorize(new SimulatedPaymentProvider(), '4242 4242 4242 4242');
    expect(result).toEqual({ ok: true, ref: expect.stringMatching(/^sim_auth_ok_/), card: { brand: 'VISA', last4: '4242' } });
  });

  it.each([
    [testCards.declined, 'CARD_DECLINED'],
    [testCards.insufficientFunds, 'INSUFFICIENT_FUNDS'],
    ['4242424242424241', 'INVALID_CARD'],
    ['not a card', 'INVALID_CARD'],
  ])('refuses %s with %s (not retryable)', async (number, code) => {
    expect(await authorize(new SimulatedPaymentProvider(), number)).toEqual({ ok: false, code, retryable: false, message: expect.any(String) });
  });

  it('fails 4000 0000 0000 0119 on every odd attempt per idempotency key', async () => {
    const provider = new SimulatedPaymentProvider();
    const codes = [];
    for (const k of ['a', 'a', 'a', 'b', 'a']) {
      const result = await authorize(provider, testCards.intermittent, k);
      codes.push(result.ok ? 'OK' : `${result.code}:${result.retryable}`);
    }
    expect(codes).toEqual(['PROCESSOR_ERROR:true', 'OK', 'PROCESSOR_ERROR:true', 'PROCESSOR_ERROR:true', 'OK']);
  });

  it('behaves the same for the tokens of 0119 and 0341', async () => {
    const provider = new SimulatedPaymentProvider();
    const byToken = (token: string, idempotencyKey = 'k') => provider.authorize({ idempotencyKey, amount: eur, method: { token }, orderId: 'o' });
    expect(await byToken('tok_processorError')).toMatchObject({ ok: false, code: 'PROCESSOR_ERROR', retryable: true });
    expect(await byToken('tok_processorError')).toMatchObject({ ok: true, card: { brand: 'VISA', last4: '0119' } });
    const auth = await byToken('tok_captureDeclined', 'k2');
    if (!auth.ok) throw new Error('expected an authorization');
    expect(await provider.capture({ idempotencyKey: 'c', authorizationRef: auth.ref, amount: eur })).toMatchObject({ ok: false, code: 'CAPTURE_DECLINED' });
  });

  it('declines the capture of 4000 0000 0000 0341 after authorizing it', async () => {
    const provider = new SimulatedPaymentProvider();
    const auth = await authorize(provider, testCards.captureDeclined);
    if (!auth.ok) throw new Error('expected an authorization');
    expect(await provider.capture({ idempotencyKey: 'c', authorizationRef: auth.ref, amount: eur })).toMatchObject({ ok: false, code: 'CAPTURE_DECLINED' });
  });

  it('maps tokens to test cards and describes brands', () => {
    const provider = new SimulatedPaymentProvider();
    expect(provider.describe({ token: 'tok_chargeDeclined' })).toEqual({ brand: 'VISA', last4: '0002' });
    expect(provider.describe({ token: 'tok_processorError' })).toEqual({ brand: 'VISA', last4: '0119' });
    expect(provider.describe({ token: 'tok_captureDeclined' })).toEqual({ brand: 'VISA', last4: '0341' });
    expect(provider.describe({ number: '5555555555554444' })).toEqual({ brand: 'MASTERCARD', last4: '4444' });
    expect(provider.describe({ token: 'tok_unknown' })).toEqual({ brand: 'UNKNOWN', last4: '0000' });
  });
});
