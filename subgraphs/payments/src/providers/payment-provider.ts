import type { Money } from '@shop/events';

export type { Money };

/**
 * What the shopper pays with: a card number (used for this call only, never stored) or a token
 * the provider issued earlier.
 */
export type PaymentMethod = { number: string } | { token: string };

/** Provider failures. `retryable` ones may succeed when retried with the same idempotency key. */
export type ProviderErrorCode = 'CARD_DECLINED' | 'INSUFFICIENT_FUNDS' | 'INVALID_CARD' | 'CAPTURE_DECLINED' | 'PROCESSOR_ERROR';

export interface ProviderFailure {
  ok: false;
  code: ProviderErrorCode;
  retryable: boolean;
  message: string;
}

export type ProviderResult<T> = ({ ok: true } & T) | ProviderFailure;

export interface AuthorizeRequest {
  /** The provider deduplicates on it too, so a retry after a lost response never holds twice. */
  idempotencyKey: string;
  amount: Money;
  method: PaymentMethod;
  orderId: string;
}

export interface CaptureRequest {
  idempotencyKey: string;
  /** The reference returned by `authorize`. */
  authorizationRef: string;
  amount: Money;
}

export interface RefundRequest {
  idempotencyKey: string;
  authorizationRef: string;
  amount: Money;
}

/** The card as it may be kept: brand and last four digits only. */
export interface CardSummary {
  brand: string;
  last4: string;
}

/** The port every payment provider adapter implements (one adapter per file). */
export interface PaymentProvider {
  /** Card summary without calling the provider (for records of declined attempts). */
  describe(method: PaymentMethod): CardSummary;
  authorize(request: AuthorizeRequest): Promise<ProviderResult<{ ref: string; card: CardSummary }>>;
  capture(request: CaptureRequest): Promise<ProviderResult<{ ref: string }>>;
  refund(request: RefundRequest): Promise<ProviderResult<{ ref: string }>>;
}
