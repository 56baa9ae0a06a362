import { describe, expect, it } from 'vitest';
import { chargedShipping, cheapestShipping, quoteShipping, type QuotableRate } from './shipping-quote';

let seq = 0;
const rate = (priceAmount: number, extra: Partial<QuotableRate> & { id?: string } = {}) => ({
  id: extra.id ?? `rate-${++seq}`,
  country: 'DE',
  currency: 'EUR',
  priceAmount,
  freeOverAmount: null,
  estimatedDays: 3,
  seq: ++seq,
  ...extra,
});

describe('quoteShipping', () => {
  const standard = rate(490, { id: 'standard', freeOverAmount: 5000, estimatedDays: 3 });
  const express = rate(990, { id: 'express', estimatedDays: 1 });
  const pickup = rate(490, { id: 'pickup', estimatedDays: 5 });
  const francs = rate(100, { id: 'chf', currency: 'CHF' });
  const french = rate(100, { id: 'fr', country: 'FR' });
  const rates = [express, pickup, standard, francs, french];

  it('lists the rates of the country in the subtotal currency, cheapest then fastest first', () => {
    const options = quoteShipping(rates, { country: 'DE', subtotal: { amount: 4999, currency: 'EUR' } });
    expect(options.map((o) => [o.rate.id, o.cost, o.currency, o.free])).toEqual([
      ['standard', 490, 'EUR', false],
      ['pickup', 490, 'EUR', false],
      ['express', 990, 'EUR', false],
    ]);
  });

  it('charges the chosen option while it ships there in the currency, else the cheapest', () => {
    const de = { country: 'DE', subtotal: { amount: 4999, currency: 'EUR' } };
    expect(chargedShipping(rates, { ...de, chosenRateId: 'express' })).toEqual({ rate: express, cost: 990, currency: 'EUR', free: false });
    expect(chargedShipping(rates, { ...de, chosenRateId: 'fr' })?.rate.id).toBe('standard');
    expect(chargedShipping(rates, { ...de, chosenRateId: 'chf' })?.rate.id).toBe('standard');
    expect(chargedShipping(rates, { ...de, chosenRateId: null })?.rate.id).toBe('standard');
    expect(chargedShipping(rates, { country: 'AT', subtotal: de.subtotal, chosenRateId: 'express' })).toBeNull();
  });

  it('makes a rate free exactly when the subtotal reaches freeOver', () => {
    const options = quoteShipping(rates, { country: 'DE', subtotal: { amount: 5000, currency: 'EUR' } });
    expect(options.map((o) => [o.rate.id, o.cost, o.free])).toEqual([
      ['standard', 0, true],
      ['pickup', 490, false],
      ['express', 990, false],
    ]);
    expect(cheapestShipping(rates, { country: 'DE', subtotal: { amount: 5000, currency: 'EUR' } })).toEqual({
      rate: standard,
      cost: 0,
      currency: 'EUR',
      free: true,
    });
  });

  it('a freeOver of 0 is always free; ties on cost and days keep creation order', () => {
    const first = rate(300, { id: 'first', freeOverAmount: 0 });
    const second = rate(0, { id: 'second' });
    expect(quoteShipping([second, first], { country: 'DE', subtotal: { amount: 1, currency: 'EUR' } }).map((o) => [o.rate.id, o.cost, o.free])).toEqual([
      ['first', 0, true],
      ['second', 0, false],
    ]);
  });

  it('has nothing for another country or currency', () => {
    expect(quoteShipping(rates, { country: 'AT', subtotal: { amount: 100, currency: 'EUR' } })).toEqual([]);
    expect(cheapestShipping(rates, { country: 'DE', subtotal: { amount: 100, currency: 'USD' } })).toBeNull();
  });
});
