import type { Transact } from '@shop/db';
import { adminWrites, type AdminWritePayload, type AdminWrites, type Connection, countryCursor, rowByKey, type SubgraphContext } from '@shop/subgraph-kit';
import type { AnnounceTaxRateChange } from '../events/tax-events';
import type { TaxRateRecord, TaxRateStore } from '../stores/tax-rate.store';
import { validateTaxRate, type TaxRateFailure, type TaxRateInputShape } from './tax-rate-input';

const pages = countryCursor('taxrate');

export type TaxRateResult = AdminWritePayload<'taxRate', TaxRateRecord, TaxRateFailure>;

/** Tax rates: public reads, admin-only writes, each write announced as `tax-rate.changed`. */
export class TaxRateService {
  private readonly writes: AdminWrites<'taxRate', TaxRateRecord, TaxRateInputShape, TaxRateFailure>;

  constructor(
    private readonly rates: TaxRateStore,
    announce: AnnounceTaxRateChange,
    transact: Transact,
  ) {
    this.writes = adminWrites({
      key: 'taxRate',
      store: rates,
      transact,
      validate: validateTaxRate,
      announce,
      notFound: { code: 'NOT_FOUND', field: 'id', message: 'No tax rate has this id' },
      duplicate: { code: 'DUPLICATE_RATE', field: null, message: 'A rate for this country, region and category already exists' },
    });
  }

  list(country: string | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<TaxRateRecord>> {
    return pages.list(this.rates, country, first, after);
  }

  /** A TaxRate reference; one query for every reference of the request. */
  byId(context: SubgraphContext, id: string): Promise<TaxRateRecord | null> {
    return rowByKey(
      context,
      'taxRates.byId',
      (ids) => this.rates.findByIds(ids),
      (row) => row.id,
    ).load(id);
  }

  create(context: SubgraphContext, input: TaxRateInputShape): Promise<TaxRateResult> {
    return this.writes.create(context, input);
  }

  update(context: SubgraphContext, id: string, input: TaxRateInputShape): Promise<TaxRateResult> {
    return this.writes.update(context, id, input);
  }

  remove(context: SubgraphContext, id: string): Promise<TaxRateResult> {
    return this.writes.remove(context, id);
  }
}
