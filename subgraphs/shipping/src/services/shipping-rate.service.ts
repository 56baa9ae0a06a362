import { isUniqueViolation, type Transact } from '@shop/db';
import { type Connection, countryCursor, requireRole, rowByKey, type SubgraphContext } from '@shop/subgraph-kit';
import { announceRate } from '../events/shipment-events';
import type { ShippingRateRecord, ShippingRateStore } from '../stores/shipping-rate.store';
import { validateShippingRate, type ShippingRateFailure, type ShippingRateInputShape } from './shipping-rate-input';

const pages = countryCursor('shippingrate');

export type ShippingRateResult = { shippingRate: ShippingRateRecord; errors: [] } | { shippingRate: null; errors: ShippingRateFailure[] };

const fail = (...errors: ShippingRateFailure[]): ShippingRateResult => ({ shippingRate: null, errors });
const notFound = () => fail({ code: 'NOT_FOUND', field: 'id', message: 'No shipping rate has this id' });
const duplicate = () =>
  fail({ code: 'DUPLICATE_RATE', field: null, message: 'A rate with this country, carrier, name and currency already exists' });

/** Shipping rates: public reads, admin-only writes; every write announces the rate (orders keeps the options carts may choose). */
export class ShippingRateService {
  constructor(
    private readonly rates: ShippingRateStore,
    private readonly transact: Transact,
  ) {}

  list(country: string | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<ShippingRateRecord>> {
    return pages.list(this.rates, country, first, after);
  }

  /** A ShippingRate reference; one query for every reference of the request. */
  byId(context: SubgraphContext, id: string): Promise<ShippingRateRecord | null> {
    return rowByKey(context, 'shippingRates.byId', (ids) => this.rates.findByIds(ids), (row) => row.id).load(id);
  }

  async create(context: SubgraphContext, input: ShippingRateInputShape): Promise<ShippingRateResult> {
    requireRole(context, 'admin');
    const checked = validateShippingRate(input);
    if ('errors' in checked) return fail(...checked.errors);
    const created = await this.transact(async (tx) => {
      const rate = await this.rates.insert(checked.fields, tx);
      if (rate) await announceRate(tx, rate);
      return rate;
    });
    return created ? { shippingRate: created, errors: [] } : duplicate();
  }

  async update(context: SubgraphContext, id: string, input: ShippingRateInputShape): Promise<ShippingRateResult> {
    requireRole(context, 'admin');
    const checked = validateShippingRate(input);
    if ('errors' in checked) return fail(...checked.errors);
    try {
      const updated = await this.transact(async (tx) => {
        const rate = await this.rates.update(id, checked.fields, tx);
        if (rate) await announceRate(tx, rate);
        return rate;
      });
      return updated ? { shippingRate: updated, errors: [] } : notFound();
    } catch (error) {
      if (isUniqueViolation(error)) return duplicate();
      throw error;
    }
  }

  async remove(context: SubgraphContext, id: string): Promise<ShippingRateResult> {
    requireRole(context, 'admin');
    const removed = await this.transact(async (tx) => {
      const rate = await this.rates.delete(id, tx);
      if (rate) await announceRate(tx, rate, true);
      return rate;
    });
    return removed ? { shippingRate: removed, errors: [] } : notFound();
  }
}
