/** Sentences a shopper reads on a cancelled order, by the code the saga records. */
const paymentReasons: Record<string, string> = {
  CARD_DECLINED: 'Your card was declined.',
  INSUFFICIENT_FUNDS: 'Your card has insufficient funds.',
  INVALID_CARD: 'The card details are not valid.',
  CAPTURE_DECLINED: 'The payment could not be completed.',
  PROCESSOR_ERROR: 'The payment provider did not respond; nothing was charged. Please try again.',
};

export const paymentDeclined = (providerCode: string) => ({
  code: 'PAYMENT_DECLINED',
  reason: `Payment failed: ${paymentReasons[providerCode] ?? 'the payment was refused.'}`,
});

/** Inventory said no: for lack of stock (naming the products), or for another reason it gave. */
export const stockRefused = (inventoryReason: string, productIds: string[], names: string[]) =>
  inventoryReason === 'OUT_OF_STOCK'
    ? { code: 'OUT_OF_STOCK', reason: `Not enough stock for ${names.length > 0 ? names.join(', ') : productIds.join(', ')}.` }
    : { code: 'STOCK_UNAVAILABLE', reason: `Your items could not be reserved (${inventoryReason}).` };

export const shippingUnavailable = (country: string) => ({ code: 'SHIPPING_UNAVAILABLE', reason: `We do not ship to ${country}.` });

export const reservationExpired = () => ({
  code: 'RESERVATION_EXPIRED',
  reason: 'The items were held for too long before payment completed; any charge has been refunded.',
});

export const cancelledBy = (admin: boolean, note: string | null) => ({
  code: admin ? 'CANCELLED_BY_ADMIN' : 'CANCELLED_BY_CUSTOMER',
  reason: note ?? (admin ? 'Cancelled by the shop.' : 'Cancelled at your request.'),
});
