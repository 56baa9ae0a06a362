import type { PayloadFailure } from '@shop/subgraph-kit';
import type { ProviderErrorCode } from '../providers/payment-provider';
import type { PaymentRecord } from '../stores/payment.store';

export type PaymentErrorCode =
  | ProviderErrorCode
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'NOT_FOUND'
  | 'NOT_AUTHORIZED'
  | 'NOT_CAPTURED'
  | 'REFUND_EXCEEDS_CAPTURED'
  | 'INVALID_AMOUNT'
  | 'INVALID_IDEMPOTENCY_KEY';

export interface PaymentFailure extends PayloadFailure<PaymentErrorCode> {
  /** True only for a transient PROCESSOR_ERROR: retry with the SAME idempotency key (false once the payment was given up). */
  retryable: boolean;
}

/** The result of authorize/capture/refund: the payment (if one exists) and the business errors. */
export type PaymentResult = { payment: PaymentRecord; errors: [] } | { payment: PaymentRecord | null; errors: [PaymentFailure] };

export const failure = (code: PaymentErrorCode, message: string, field: string | null = null, retryable = false): PaymentFailure => ({
  code,
  field,
  message,
  retryable,
});
