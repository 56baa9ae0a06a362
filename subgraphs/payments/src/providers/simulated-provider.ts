import { randomUUID } from 'node:crypto';
import type { CardSummary, PaymentMethod, PaymentProvider, ProviderFailure, ProviderResult } from './payment-provider';

/**
 * Test cards of the simulated provider (as Stripe's): every other number that passes the Luhn
 * check authorizes and captures.
 */
export const testCards = {
  success: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  /** Authorization fails with a retryable PROCESSOR_ERROR on the 1st, 3rd, ... attempt per idempotency key. */
  intermittent: '4000000000000119',
  /** Authorizes, but the capture is declined (CAPTURE_DECLINED). */
  captureDeclined: '4000000000000341',
} as const;

/** Tokens standing for test cards, so clients need not send numbers. */
export const testTokens: Record<string, string> = {
  tok_visa: testCards.success,
  tok_chargeDeclined: testCards.declined,
  tok_insufficientFunds: testCards.insufficientFunds,
  tok_processorError: testCards.intermittent,
  tok_captureDeclined: testCards.captureDeclined,
};

const fail = (code: ProviderFailure['code'], message: string, retryable = false): ProviderFailure => ({ ok: false, code, retryable, message });

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const brandOf = (digits: string): string =>
  digits.startsWith('4') ? 'VISA' : /^5[1-5]/.test(digits) ? 'MASTERCARD' : /^3[47]/.test(digits) ? 'AMEX' : 'UNKNOWN';

const digitsOf = (method: PaymentMethod): string => ('number' in method ? method.number.replace(/[\s-]/g, '') : (testTokens[method.token] ?? ''));

/**
 * A provider that needs no network: behaviour follows the test card. Capture behaviour travels in
 * the authorization reference, so it survives restarts; only the retry counters live in memory.
 */
export class SimulatedPaymentProvider implements PaymentProvider {
  private readonly attempts = new Map<string, number>();

  describe(method: PaymentMethod): CardSummary {
    const digits = digitsOf(method);
    return { brand: brandOf(digits), last4: /^\d{4,}$/.test(digits) ? digits.slice(-4) : '0000' };
  }

  async authorize({ idempotencyKey, method }: Parameters<PaymentProvider['authorize']>[0]): Promise<ProviderResult<{ ref: string; card: CardSummary }>> {
    const digits = digitsOf(method);
    if (!/^\d{12,19}$/.test(digits) || !luhn(digits)) return fail('INVALID_CARD', 'The card number is invalid');
    if (digits === testCards.declined) return fail('CARD_DECLINED', 'The card was declined');
    if (digits === testCards.insufficientFunds) return fail('INSUFFICIENT_FUNDS', 'The card has insufficient funds');
    if (digits === testCards.intermittent) {
      const attempt = (this.attempts.get(idempotencyKey) ?? 0) + 1;
      this.attempts.set(idempotencyKey, attempt);
      if (attempt % 2 === 1) return fail('PROCESSOR_ERROR', 'The processor is temporarily unavailable; retry', true);
    }
    const kind = digits === testCards.captureDeclined ? 'capfail' : 'ok';
    return { ok: true, ref: `sim_auth_${kind}_${randomUUID()}`, card: this.describe(method) };
  }

  async capture({ authorizationRef }: Parameters<PaymentProvider['capture']>[0]): Promise<ProviderResult<{ ref: string }>> {
    if (authorizationRef.startsWith('sim_auth_capfail_')) return fail('CAPTURE_DECLINED', 'The issuer refused the capture');
    return { ok: true, ref: `sim_cap_${randomUUID()}` };
  }

  /** Refunds always succeed: the service has already checked the amount against the ledger. */
  async refund(_request: Parameters<PaymentProvider['refund']>[0]): Promise<ProviderResult<{ ref: string }>> {
    return { ok: true, ref: `sim_ref_${randomUUID()}` };
  }
}
