import { transactor, type Database } from '@shop/db';
import { CartShippingService } from './services/cart-shipping.service';
import { ShipmentReader } from './services/shipment-reader.service';
import { ShipmentService } from './services/shipment.service';
import { ShippingRateService } from './services/shipping-rate.service';
import { ShippingSaga } from './services/shipping-saga.service';
import { ShipmentStore } from './stores/shipment.store';
import { ShippingRateStore } from './stores/shipping-rate.store';

/**
 * Stores and services over one database. The subgraph wires them with its relay's `wake` as
 * `afterCommit`; tests reach the same services the same way.
 */
export function createShipping(db: Database, afterCommit: () => void = () => {}, now: () => Date = () => new Date()) {
  const transact = transactor(db, afterCommit);
  const stores = { rates: new ShippingRateStore(db), shipments: new ShipmentStore(db) };
  return {
    stores,
    rates: new ShippingRateService(stores.rates, transact),
    carts: new CartShippingService(stores.rates),
    shipments: new ShipmentService(stores.shipments, transact, now),
    reader: new ShipmentReader(stores.shipments),
    saga: new ShippingSaga(stores.rates, stores.shipments, now),
  };
}

export type Shipping = ReturnType<typeof createShipping>;
