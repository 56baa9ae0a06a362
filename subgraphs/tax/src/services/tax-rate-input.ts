import type { TaxRateFields } from '../stores/tax-rate.store';
import { isoCountry, type PayloadFailure } from '@shop/subgraph-kit';

export type TaxRateErrorCode = 'INVALID_COUNTRY' | 'INVALID_RATE' | 'DUPLICATE_RATE' | 'NOT_FOUND' | 'INVALID_FIELD';
export type TaxRateFailure = PayloadFailure<TaxRateErrorCode>;

export interface TaxRateInputShape {
  country: string;
  region?: string | null;
  category?: string | null;
  rateBasisPoints: number;
  name: string;
  validFrom?: Date | string | null;
  validTo?: Date | string | null;
}

/** Trimmed text, null when empty; `undefined` when longer than `max`. */
const optionalText = (value: string | null | undefined, max: number): string | null | undefined => {
  const text = value?.trim() ?? '';
  if (text.length === 0) return null;
  return text.length <= max ? text : undefined;
};
const toDate = (value: Date | string | null | undefined) => (value ? new Date(value) : null);

/** Every problem of the input at once (so a form can show them together), else the fields to store. */
export function validateTaxRate(input: TaxRateInputShape): { fields: TaxRateFields } | { errors: TaxRateFailure[] } {
  const errors: TaxRateFailure[] = [];
  const country = isoCountry(input.country);
  if (!country) errors.push({ code: 'INVALID_COUNTRY', field: 'country', message: 'Country must be an ISO 3166-1 alpha-2 code such as DE or US' });
  const region = optionalText(input.region?.toUpperCase(), 50);
  if (region === undefined) errors.push({ code: 'INVALID_FIELD', field: 'region', message: 'region: at most 50 characters' });
  const category = optionalText(input.category, 100);
  if (category === undefined) errors.push({ code: 'INVALID_FIELD', field: 'category', message: 'category: at most 100 characters' });
  const { rateBasisPoints } = input;
  if (!Number.isInteger(rateBasisPoints) || rateBasisPoints < 0 || rateBasisPoints > 10_000) {
    errors.push({ code: 'INVALID_RATE', field: 'rateBasisPoints', message: 'The rate must be 0 to 10000 basis points (0.00 % to 100.00 %)' });
  }
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) errors.push({ code: 'INVALID_FIELD', field: 'name', message: 'name: 1 to 100 characters' });
  const [validFrom, validTo] = [toDate(input.validFrom), toDate(input.validTo)];
  if (validFrom && validTo && validTo <= validFrom) errors.push({ code: 'INVALID_FIELD', field: 'validTo', message: 'validTo must be after validFrom' });
  if (errors.length > 0 || !country || region === undefined || category === undefined) return { errors };
  return { fields: { country, region, category, rateBasisPoints, name, validFrom, validTo } };
}
