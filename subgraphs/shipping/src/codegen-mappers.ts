/** What resolvers return for each GraphQL type (codegen maps `<Name>` to `<Name>Model`). */
import type { Connection } from '@shop/subgraph-kit';
import type { ShippingRateRecord } from './stores/shipping-rate.store';

export type { ShippingRateRecord as ShippingRateModel } from './stores/shipping-rate.store';
export type { ShippingRateResult as ShippingRatePayloadModel } from './services/shipping-rate.service';
export type { CartShippingOption as ShippingOptionModel, CartRepresentation as CartModel } from './services/cart-shipping.service';
export type { ShipmentRecord as ShipmentModel, StatusChangeRecord as ShipmentStatusChangeModel } from './stores/shipment.store';
export type { ShipmentResult as ShipmentPayloadModel } from './services/shipment.service';
export type { ProductQuantity as ShipmentItemModel } from '@shop/events';
export type ShippingRateConnectionModel = Connection<ShippingRateRecord>;

/** An order reference: shipping keeps no order data, only shipments looked up by order id. */
export interface OrderModel {
  id: string;
}
