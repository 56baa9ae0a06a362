/**
 * The one tax calculation of the shop: `taxQuote` answers with it and the checkout reuses it, so
 * the tax a client previews is the tax the order is charged. Pure: no I/O, no clock, no floats.
 */

/** A stored rate, as far as the calculation cares (the store's TaxRateRecord fits). */
export interface TaxRateLike {
  id?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Null: every region of the country. */
  region?: string | null;
  /** Null: every product category. */
  category?: string | null;
  /** 0..10000; 2000 = 20.00 %. */
  rateBasisPoints: number;
  name: string;
  validFrom?: Date | null;
  /** Exclusive. */
  validTo?: Date | null;
}

export interface TaxLineInput {
  lineId: string;
  categoryId?: string | null;
  /** The whole line (every unit) in minor units, after discounts; a non-negative integer. */
  amount: number;
  /** Informational: `amount` already covers every unit. */
  quantity: number;
}

export interface TaxCalculationInput {
  address: { country: string; region?: string | null };
  lines: readonly TaxLineInput[];
  /** ISO 4217; every amount is in its minor units. */
  currency: string;
  rates: readonly TaxRateLike[];
  /** When given, only rates valid at this instant apply; omitted, validity is not checked. */
  at?: Date;
}

export interface TaxLineResult {
  lineId: string;
  /** 0 when no rate applies. */
  rateBasisPoints: number;
  /** Minor units, rounded half to even. */
  taxAmount: number;
  /** Null when no rate applies. */
  rateName: string | null;
}

export interface TaxCalculation {
  currency: string;
  lines: TaxLineResult[];
  /** Exactly the sum of the line taxes. */
  total: number;
}

const BASIS = 10_000n;

/** `numerator / BASIS` rounded half to even ("banker's rounding"); numerator >= 0. */
export function divideHalfEven(numerator: bigint): bigint {
  const quotient = numerator / BASIS;
  const twiceRemainder = (numerator % BASIS) * 2n;
  if (twiceRemainder > BASIS) return quotient + 1n;
  if (twiceRemainder < BASIS) return quotient;
  return quotient % 2n === 0n ? quotient : quotient + 1n;
}

/** Tax on `amount` minor units at `rateBasisPoints`, exact for every safe integer amount. */
export function taxOn(amount: number, rateBasisPoints: number): number {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount must be a non-negative integer, got ${amount}`);
  if (!Number.isInteger(rateBasisPoints) || rateBasisPoints < 0 || rateBasisPoints > 10_000) {
    throw new RangeError(`rateBasisPoints must be an integer from 0 to 10000, got ${rateBasisPoints}`);
  }
  return Number(divideHalfEven(BigInt(amount) * BigInt(rateBasisPoints)));
}

/** 2000 -> "20.00" (string arithmetic, so no float ever rounds a rate). */
export const basisPointsToPercentage = (rateBasisPoints: number): string =>
  `${Math.trunc(rateBasisPoints / 100)}.${String(rateBasisPoints % 100).padStart(2, '0')}`;

const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').toUpperCase() === (b ?? '').toUpperCase();
const validAt = (rate: TaxRateLike, at: Date | undefined) => !at || ((!rate.validFrom || rate.validFrom <= at) && (!rate.validTo || at < rate.validTo));

/** country+region+category (3) > country+region (2) > country+category (1) > country (0). */
const specificity = (rate: TaxRateLike) => (rate.region ? 2 : 0) + (rate.category ? 1 : 0);

/** The most specific rate that applies to a line at the address, if any. */
export function chooseRate(input: Omit<TaxCalculationInput, 'lines' | 'currency'>, categoryId: string | null | undefined): TaxRateLike | null {
  let best: TaxRateLike | null = null;
  for (const rate of input.rates) {
    if (!same(rate.country, input.address.country) || !validAt(rate, input.at)) continue;
    if (rate.region && !same(rate.region, input.address.region)) continue;
    if (rate.category && rate.category !== categoryId) continue;
    if (!best || specificity(rate) > specificity(best)) best = rate;
  }
  return best;
}

/** Taxes each line at its most specific rate, rounding per line; the total is the sum of the lines. */
export function calculateTax(input: TaxCalculationInput): TaxCalculation {
  const lines = input.lines.map((line): TaxLineResult => {
    const rate = chooseRate(input, line.categoryId);
    const rateBasisPoints = rate?.rateBasisPoints ?? 0;
    return { lineId: line.lineId, rateBasisPoints, taxAmount: taxOn(line.amount, rateBasisPoints), rateName: rate?.name ?? null };
  });
  return { currency: input.currency, lines, total: lines.reduce((sum, line) => sum + line.taxAmount, 0) };
}
