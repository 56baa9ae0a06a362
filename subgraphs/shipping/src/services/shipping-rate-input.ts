import type { Money } from '@shop/events';
import type { ShippingRateFields } from '../stores/shipping-rate.store';
import { isoCountry, type PayloadFailure } from '@shop/subgraph-kit';

export type ShippingRateErrorCode = 'INVALID_COUNTRY' | 'INVALID_CURRENCY' | 'INVALID_AMOUNT' | 'DUPLICATE_RATE' | 'NOT_FOUND' | 'INVALID_FIELD';
export type ShippingRateFailure = PayloadFailure<ShippingRateErrorCode>;

export interface ShippingRateInputShape {
  country: string;
  carrier: string;
  name: string;
  price: Money;
  freeOver?: Money | null;
  estimatedDays: number;
}

const currencyPattern = /^[A-Z]{3}$/;
const isAmount = (value: number) => Number.isInteger(value) && value >= 0;

/** Trimmed text of 1 to `max` characters, or null. */
const text = (value: string, max: number): string | null => {
  const trimmed = value.trim();
  return trimmed.length >= 1 && trimmed.length <= max ? trimmed : null;
};

function checkMoney(errors: ShippingRateFailure[], field: 'price' | 'freeOver', money: Money): string | null {
  const currency = money.currency.trim().toUpperCase();
  if (!isAmount(money.amount)) errors.push({ code: 'INVALID_AMOUNT', field: `${field}.amount`, message: `${field}: the amount must be 0 or more minor units` });
  if (!currencyPattern.test(currency)) {
    errors.push({ code: 'INVALID_CURRENCY', field: `${field}.currency`, message: `${field}: the currency must be an ISO 4217 code such as EUR` });
    return null;
  }
  return currency;
}

/** Every problem of the input at once (so a form can show them together), else the fields to store. */
export function validateShippingRate(input: ShippingRateInputShape): { fields: ShippingRateFields } | { errors: ShippingRateFailure[] } {
  const errors: ShippingRateFailure[] = [];
  const country = isoCountry(input.country);
  if (!country) errors.push({ code: 'INVALID_COUNTRY', field: 'country', message: 'Country must be an ISO 3166-1 alpha-2 code such as DE or US' });
  const carrier = text(input.carrier, 50);
  if (!carrier) errors.push({ code: 'INVALID_FIELD', field: 'carrier', message: 'carrier: 1 to 50 characters' });
  const name = text(input.name, 100);
  if (!name) errors.push({ code: 'INVALID_FIELD', field: 'name', message: 'name: 1 to 100 characters' });
  const currency = checkMoney(errors, 'price', input.price);
  const freeOver = input.freeOver ?? null;
  const freeOverCurrency = freeOver ? checkMoney(errors, 'freeOver', freeOver) : null;
  if (currency && freeOverCurrency && freeOverCurrency !== currency) {
    errors.push({ code: 'INVALID_CURRENCY', field: 'freeOver.currency', message: 'freeOver must be in the currency of price' });
  }
  const { estimatedDays } = input;
  if (!Number.isInteger(estimatedDays) || estimatedDays < 0 || estimatedDays > 365) {
    errors.push({ code: 'INVALID_FIELD', field: 'estimatedDays', message: 'estimatedDays: 0 to 365' });
  }
  if (errors.length > 0 || !country || !carrier || !name || !currency) return { errors };
  return {
    fields: { country, carrier, name, priceAmount: input.price.amount, currency, freeOverAmount: freeOver?.amount ?? null, estimatedDays },
  };
}
