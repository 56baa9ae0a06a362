import { isUniqueViolation, type Transact } from '@shop/db';
import { type Connection, countryCursor, requireRole, rowByKey, type SubgraphContext } from '@shop/subgraph-kit';
import type { AnnounceTaxRateChange } from '../events/tax-rate-events';
import type { TaxRateRecord, TaxRateStore } from '../stores/tax-rate.store';
import { validateTaxRate, type TaxRateFailure, type TaxRateInputShape } from './tax-rate-input';

const pages = countryCursor('taxrate');

export type TaxRateResult = { taxRate: TaxRateRecord; errors: [] } | { taxRate: null; errors: TaxRateFailure[] };

const fail = (...errors: TaxRateFailure[]): TaxRateResult => ({ taxRate: null, errors });
const notFound = () => fail({ code: 'NOT_FOUND', field: 'id', message: 'No tax rate has this id' });
const duplicate = () =>
  fail({ code: 'DUPLICATE_RATE', field: null, message: 'A rate for this country, region and category already exists' });

/** Tax rates: public reads, admin-only writes, each write announced as `tax-rate.changed`. */
export class TaxRateService {
  constructor(
    private readonly rates: TaxRateStore,
    private readonly announce: AnnounceTaxRateChange,
    private readonly transact: Transact,
  ) {}

  list(country: string | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<TaxRateRecord>> {
    return pages.list(this.rates, country, first, after);
  }

  /** A TaxRate reference; one query for every reference of the request. */
  byId(context: SubgraphContext, id: string): Promise<TaxRateRecord | null> {
    return rowByKey(context, 'taxRates.byId', (ids) => this.rates.findByIds(ids), (row) => row.id).load(id);
  }

  async create(context: SubgraphContext, input: TaxRateInputShape): Promise<TaxRateResult> {
    requireRole(context, 'admin');
    const checked = validateTaxRate(input);
    if ('errors' in checked) return fail(...checked.errors);
    return this.transact(async (tx) => {
      const created = await this.rates.insert(checked.fields, tx);
      if (!created) return duplicate();
      await this.announce(tx, created, 'created');
      return { taxRate: created, errors: [] };
    });
  }

  async update(context: SubgraphContext, id: string, input: TaxRateInputShape): Promise<TaxRateResult> {
    requireRole(context, 'admin');
    const checked = validateTaxRate(input);
    if ('errors' in checked) return fail(...checked.errors);
    try {
      return await this.transact(async (tx) => {
        const updated = await this.rates.update(id, checked.fields, tx);
        if (!updated) return notFound();
        await this.announce(tx, updated, 'updated');
        return { taxRate: updated, errors: [] };
      });
    } catch (error) {
      if (isUniqueViolation(error)) return duplicate();
      throw error;
    }
  }

  async remove(context: SubgraphContext, id: string): Promise<TaxRateResult> {
    requireRole(context, 'admin');
    return this.transact(async (tx) => {
      const removed = await this.rates.delete(id, tx);
      if (!removed) return notFound();
      await this.announce(tx, removed, 'deleted');
      return { taxRate: removed, errors: [] };
    });
  }
}
