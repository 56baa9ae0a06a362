export { shippingModule, type ShippingConfig } from './subgraph';
export { createShipping, type Shipping } from './shipping';
export { ORDER_SAGA_GROUP, orderSagaHandler } from './events/order-saga.consumer';
export { cheapestShipping, quoteShipping, type QuotableRate, type ShippingOptionQuote, type ShippingQuoteInput } from './services/shipping-quote';
export { carrierCode, newTrackingNumber } from './services/tracking-number';
export type { ShipmentRecord, ShipmentStatus } from './stores/shipment.store';
export type { ShippingRateRecord } from './stores/shipping-rate.store';
