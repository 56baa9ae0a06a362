import {
  orderCancelled,
  orderConfirmed,
  returnStatusChanged,
  shipmentDelivered,
  userEmailVerificationRequested,
  userPasswordChanged,
  userPasswordResetRequested,
} from '@shop/events';
import type { MailTemplate } from '../../db/schema';
import { passwordChangedMail, passwordResetMail, verifyEmailMail } from './account-mails';
import type { RenderedMail } from './layout';
import { returnUpdatedMail } from './return-mails';
import { orderCancelledMail, orderConfirmedMail, shipmentDeliveredMail, shipmentShippedMail, type MailRecipient } from './order-mails';

export type { MailRecipient } from './order-mails';
export type { RenderedMail } from './layout';

/**
 * Renders a mail outbox row: `data` is the consumed event's data, parsed again with its contract
 * (it comes back from a jsonb column) before a template sees it.
 */
export function renderMail(template: MailTemplate, data: unknown, to: MailRecipient, storefrontUrl: string): RenderedMail {
  switch (template) {
    case 'ORDER_CONFIRMED':
      return orderConfirmedMail(orderConfirmed.schema.parse(data), to, storefrontUrl);
    case 'ORDER_CANCELLED':
      return orderCancelledMail(orderCancelled.schema.parse(data), to, storefrontUrl);
    case 'SHIPMENT_SHIPPED':
      return shipmentShippedMail(shipmentDelivered.schema.parse(data), to, storefrontUrl);
    case 'SHIPMENT_DELIVERED':
      return shipmentDeliveredMail(shipmentDelivered.schema.parse(data), to, storefrontUrl);
    case 'RETURN_UPDATED':
      return returnUpdatedMail(returnStatusChanged.schema.parse(data), to, storefrontUrl);
    case 'VERIFY_EMAIL':
      return verifyEmailMail(userEmailVerificationRequested.schema.parse(data), storefrontUrl);
    case 'PASSWORD_RESET':
      return passwordResetMail(userPasswordResetRequested.schema.parse(data), storefrontUrl);
    case 'PASSWORD_CHANGED':
      return passwordChangedMail(userPasswordChanged.schema.parse(data));
  }
}
