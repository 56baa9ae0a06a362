import type { Executor } from '@shop/db';
import { appendToOutbox, orderTaxed, taxRateChanged, type TaxRateChanged } from '@shop/events';
import { outbox } from '../db/schema';
import type { OrderTax } from '../services/order-tax';
import type { TaxRateRecord } from '../stores/tax-rate.store';

/** Records `tax-rate.changed` in the caller's transaction (keyed by rate id). */
export async function announceTaxRateChange(tx: Executor, rate: TaxRateRecord, change: TaxRateChanged['change']): Promise<void> {
  await appendToOutbox(tx, outbox, taxRateChanged, rate.id, {
    taxRateId: rate.id,
    change,
    country: rate.country,
    region: rate.region,
    category: rate.category,
    rateBasisPoints: rate.rateBasisPoints,
    name: rate.name,
    validFrom: rate.validFrom?.toISOString() ?? null,
    validTo: rate.validTo?.toISOString() ?? null,
  });
}

export type AnnounceTaxRateChange = typeof announceTaxRateChange;

/** Records `order.taxed` (keyed by order id) in the caller's transaction: tax's answer to the saga. */
export async function announceOrderTaxed(tx: Executor, orderId: string, tax: OrderTax): Promise<void> {
  await appendToOutbox(tx, outbox, orderTaxed, orderId, { orderId, tax: { amount: tax.total, currency: tax.currency }, lines: tax.lines });
}

export type AnnounceOrderTaxed = typeof announceOrderTaxed;
