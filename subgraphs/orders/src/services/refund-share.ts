/** What a return's refund is computed from: the order as it was charged (minor units). */
export interface ChargedOrder {
  lines: ReadonlyArray<{ lineId: string; quantity: number; unitPrice: number; discount: number | null }>;
  shippingCost: number;
  tax: number;
  /** What was captured: subtotal - discount + shippingCost + tax. */
  total: number;
}

/** Returned units per order line id. */
export type ReturnedUnits = ReadonlyMap<string, number>;

/** floor(a * b / c) without losing precision on large products. */
const mulDiv = (a: number, b: number, c: number): number => (c === 0 ? 0 : Number((BigInt(a) * BigInt(b)) / BigInt(c)));

const netOf = (line: ChargedOrder['lines'][number]) => line.unitPrice * line.quantity - (line.discount ?? 0);

/**
 * What the shop owes back once `units` of the order have come back, in total over all returns:
 *
 * - each line's goods: its net (after its share of the discount) times returned / bought units;
 * - tax: the order's tax in proportion to those goods over everything taxed (the lines' nets plus
 *   shipping), since orders knows the order's tax only as one amount;
 * - shipping (and its tax) only once every unit of every line is back: then it is exactly `total`.
 *
 * Every part is rounded down, so a partial return never pays more than its share and the sum stays
 * below `total` until the last unit, which pays the remainder. The function is monotonic in `units`.
 */
export function refundableFor(order: ChargedOrder, units: ReturnedUnits): number {
  const complete = order.lines.every((line) => (units.get(line.lineId) ?? 0) >= line.quantity);
  if (complete) return order.total;
  const goods = order.lines.reduce((sum, line) => sum + mulDiv(netOf(line), Math.min(units.get(line.lineId) ?? 0, line.quantity), line.quantity), 0);
  const taxBase = order.lines.reduce((sum, line) => sum + netOf(line), 0) + order.shippingCost;
  return goods + mulDiv(order.tax, goods, taxBase);
}

/** Adds two unit counts line by line. */
export function plusUnits(a: ReturnedUnits, b: ReturnedUnits): Map<string, number> {
  const sum = new Map(a);
  for (const [lineId, quantity] of b) sum.set(lineId, (sum.get(lineId) ?? 0) + quantity);
  return sum;
}

/**
 * The refund of one return, given the units earlier returns already refunded: the difference of
 * `refundableFor` after and before. Refunds of successive returns therefore add up to exactly
 * `refundableFor(everything returned)`: at most the capture, and the capture once all is back.
 */
export function refundFor(order: ChargedOrder, alreadyRefunded: ReturnedUnits, returning: ReturnedUnits): number {
  return refundableFor(order, plusUnits(alreadyRefunded, returning)) - refundableFor(order, alreadyRefunded);
}
