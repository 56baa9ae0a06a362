import type { KnownShippingRate } from '../stores/known-shipping-rate.store';

/** Sentences a shopper reads in `Cart.shippingMethodNotice` when the option they chose was cleared. */
export const notServedAt = (rate: KnownShippingRate, country: string) =>
  `${rate.name} does not ship to ${country}; the cheapest option for your address is charged instead.`;

export const withdrawn = (rate: KnownShippingRate) => `${rate.name} is no longer offered; the cheapest option for your address is charged instead.`;
