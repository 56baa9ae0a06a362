/** What resolvers return for each GraphQL type (codegen maps `<Name>` to `<Name>Model`). */
export type { PaymentRecord as PaymentModel, StatusChangeRecord as PaymentStatusChangeModel } from './stores/payment.store';
export type { PaymentResult as PaymentPayloadModel, PaymentFailure as PaymentErrorModel } from './services/payment-errors';

/** An order reference: payments keeps no order data, only payments looked up by order id. */
export interface OrderModel {
  id: string;
}
