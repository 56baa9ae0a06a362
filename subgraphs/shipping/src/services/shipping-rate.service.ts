import type { Transact } from '@shop/db';
import { adminWrites, type AdminWritePayload, type AdminWrites, type Connection, countryCursor, rowByKey, type SubgraphContext } from '@shop/subgraph-kit';
import { announceRate } from '../events/shipment-events';
import type { ShippingRateFields, ShippingRateRecord, ShippingRateStore } from '../stores/shipping-rate.store';
import { validateShippingRate, type ShippingRateFailure, type ShippingRateInputShape } from './shipping-rate-input';

const pages = countryCursor('shippingrate');

export type ShippingRateResult = AdminWritePayload<'shippingRate', ShippingRateRecord, ShippingRateFailure>;

/** Shipping rates: public reads, admin-only writes; every write announces the rate (orders keeps the options carts may choose). */
export class ShippingRateService {
  private readonly writes: AdminWrites<'shippingRate', ShippingRateRecord, ShippingRateInputShape, ShippingRateFailure>;

  constructor(
    private readonly rates: ShippingRateStore,
    transact: Transact,
  ) {
    this.writes = adminWrites<'shippingRate', ShippingRateRecord, ShippingRateFields, ShippingRateInputShape, ShippingRateFailure>({
      key: 'shippingRate',
      store: rates,
      transact,
      validate: validateShippingRate,
      announce: announceRate,
      notFound: { code: 'NOT_FOUND', field: 'id', message: 'No shipping rate has this id' },
      duplicate: { code: 'DUPLICATE_RATE', field: null, message: 'A rate with this country, carrier, name and currency already exists' },
    });
  }

  list(country: string | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<ShippingRateRecord>> {
    return pages.list(this.rates, country, first, after);
  }

  /** A ShippingRate reference; one query for every reference of the request. */
  byId(context: SubgraphContext, id: string): Promise<ShippingRateRecord | null> {
    return rowByKey(
      context,
      'shippingRates.byId',
      (ids) => this.rates.findByIds(ids),
      (row) => row.id,
    ).load(id);
  }

  create(context: SubgraphContext, input: ShippingRateInputShape): Promise<ShippingRateResult> {
    return this.writes.create(context, input);
  }

  update(context: SubgraphContext, id: string, input: ShippingRateInputShape): Promise<ShippingRateResult> {
    return this.writes.update(context, id, input);
  }

  remove(context: SubgraphContext, id: string): Promise<ShippingRateResult> {
    return this.writes.remove(context, id);
  }
}
