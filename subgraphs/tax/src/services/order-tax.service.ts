import type { Executor } from '@shop/db';
import type { OrderTaxRequested } from '@shop/events';
import { isOwnerOrAdmin, rowByKey, type SubgraphContext } from '@shop/subgraph-kit';
import type { AnnounceOrderTaxed } from '../events/tax-events';
import type { OrderTaxRecord, OrderTaxStore } from '../stores/order-tax.store';
import { normalizeRegion, type OrderTax } from './order-tax';
import type { TaxCalculationService } from './tax-calculation.service';

/**
 * The checkout's tax step and the tax orders were charged. `tax` runs the same `taxMany` as
 * `Cart.tax`; the answer is stored (for `Order.taxLines`) and replied in one transaction.
 */
export class OrderTaxService {
  constructor(
    private readonly calculation: TaxCalculationService,
    private readonly orderTaxes: OrderTaxStore,
    private readonly announce: AnnounceOrderTaxed,
  ) {}

  /** `order.tax-requested` -> stored tax lines + `order.taxed`, in the caller's (inbox) transaction. Rates valid at `at` apply. */
  async tax(tx: Executor, request: OrderTaxRequested, at: Date): Promise<OrderTax> {
    const currency = request.lines[0]!.netAmount.currency;
    if ([...request.lines.map((line) => line.netAmount), request.shippingCost].some((money) => money.currency !== currency)) {
      throw new RangeError(`order ${request.orderId}: every amount must be in ${currency}`);
    }
    const order = {
      currency,
      address: { country: request.shippingAddress.country, region: normalizeRegion(request.shippingAddress.region) },
      lines: request.lines.map((line) => ({ lineId: line.lineId, categoryId: line.categoryId, quantity: line.quantity, netAmount: line.netAmount.amount })),
      shippingCost: request.shippingCost.amount,
    };
    const [result] = await this.calculation.taxMany([order], at, tx);
    await this.orderTaxes.save({ orderId: request.orderId, customerId: request.customerId, currency, total: result!.total, lines: result!.lines }, tx);
    await this.announce(tx, request.orderId, result!);
    return result!;
  }

  /** `Order.taxLines`: the order's customer and admins see them; anyone else gets none. One query per request. */
  async linesOf(context: SubgraphContext, orderId: string): Promise<OrderTaxRecord | null> {
    const record = await rowByKey(
      context,
      'orders.tax',
      (ids) => this.orderTaxes.findByOrderIds(ids),
      (row) => row.orderId,
    ).load(orderId);
    return record && isOwnerOrAdmin(context.viewer, record.customerId) ? record : null;
  }
}
