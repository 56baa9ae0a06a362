export { paymentsModule, defaultPaymentsConfig, type PaymentsConfig } from './subgraph';
export { createPayments, type Payments, type PaymentsOptions } from './payments';
export { ORDER_SAGA_GROUP, orderSagaHandler } from './events/order-saga.consumer';
export { DEFAULT_PROCESSOR_RETRY, type ProcessorRetry } from './services/order-payment.service';
export type { AuthorizeInput, CaptureInput, RefundInput } from './services/payment.service';
export type { PaymentErrorCode, PaymentFailure, PaymentResult } from './services/payment-errors';
export type { PaymentRecord, PaymentStatus } from './stores/payment.store';
export type { Money, PaymentMethod, PaymentProvider, ProviderErrorCode } from './providers/payment-provider';
export { SimulatedPaymentProvider, testCards, testTokens } from './providers/simulated-provider';
