import type { Database, Executor } from '@shop/db';
import { returnReceived, type ReturnRefunded, type ReturnStatus } from '@shop/events';
import { ownsOrGuestOrAdmin, requireRole, type SubgraphContext } from '@shop/subgraph-kit';
import type { Logger } from 'pino';
import type { StoredOrderLine } from '../db/schema';
import type { StoredReturnLine } from '../db/returns-schema';
import { AfterCommit } from '../saga/after-commit';
import { pending } from '../saga/order-lifecycle';
import type { OrderHistoryStore } from '../stores/order-history.store';
import type { OrderRecord, OrderStore } from '../stores/order.store';
import { refundFor, type ChargedOrder } from './refund-share';
import { checkNote, checkReturnRequest, returnFailure, type RequestReturnInput, type ReturnFailure } from './return-input';
import type { ReturnLifecycle } from './return-lifecycle';
import type { ReturnRecord, ReturnStore } from '../stores/return.store';

export interface ReturnResult {
  return: ReturnRecord | null;
  errors: ReturnFailure[];
}

const refused = (...errors: ReturnFailure[]): ReturnResult => ({ return: null, errors });
const DAY_MS = 24 * 60 * 60 * 1000;

/** The unit a returned line puts back on the shelf: the order line's variant. */
export const restockUnitOf = (line: StoredOrderLine): string => line.variantId;

const charged = (order: OrderRecord): ChargedOrder => ({
  lines: order.lines,
  shippingCost: order.shippingCost ?? 0,
  tax: order.tax ?? 0,
  total: order.total ?? 0,
});

/** Units per line over returns in `statuses`. */
function unitsIn(returns: readonly ReturnRecord[], statuses: ReadonlySet<ReturnStatus>): Map<string, number> {
  const units = new Map<string, number>();
  for (const ret of returns) if (statuses.has(ret.status)) for (const line of ret.lines) units.set(line.lineId, (units.get(line.lineId) ?? 0) + line.quantity);
  return units;
}

/** Returns still claiming their units (all but rejected ones) and returns already refunded or being refunded. */
const claiming: ReadonlySet<ReturnStatus> = new Set(['REQUESTED', 'APPROVED', 'RECEIVED', 'REFUNDED']);
const refunding: ReadonlySet<ReturnStatus> = new Set(['RECEIVED', 'REFUNDED']);

export interface ReturnServiceOptions {
  /** Days after delivery within which a return may be requested. */
  windowDays: number;
  now?: () => Date;
}

/**
 * Returns of delivered orders: the customer requests, an admin approves or rejects and marks the
 * units received, payments' `return.refunded` closes it. Every change locks the order's row first.
 */
export class ReturnService {
  private readonly now: () => Date;

  constructor(
    private readonly db: Database,
    private readonly orders: OrderStore,
    private readonly history: OrderHistoryStore,
    private readonly returns: ReturnStore,
    private readonly lifecycle: ReturnLifecycle,
    private readonly logger: Logger,
    private readonly options: ReturnServiceOptions,
  ) {
    if (!Number.isInteger(options.windowDays) || options.windowDays < 0) throw new Error('orders: the return window must be a whole number of days >= 0');
    this.now = options.now ?? (() => new Date());
  }

  /** The customer, the guest of a guest order's cart token, or an admin for them: nothing is written unless every line can go back. */
  async request(caller: Pick<SubgraphContext, 'viewer' | 'guestKey'>, input: RequestReturnInput): Promise<ReturnResult> {
    const checked = checkReturnRequest(input);
    if ('errors' in checked) return refused(...checked.errors);
    const { request } = checked;
    return this.inTransaction(async (tx, after) => {
      const order = await this.orders.lock(request.orderId, tx);
      if (!order || !ownsOrGuestOrAdmin(caller, { ownerId: order.customerId, guestKey: order.guestKey }))
        return refused(returnFailure('NOT_FOUND', 'orderId', 'No such order'));
      if (order.status !== 'DELIVERED')
        return refused(returnFailure('ORDER_NOT_DELIVERED', 'orderId', `Only a delivered order can be returned; this one is ${order.status.toLowerCase()}`));
      const deliveredAt = (await this.history.forOrder(order.id, tx)).findLast((entry) => entry.status === 'DELIVERED')!.at;
      if (this.now().getTime() - deliveredAt.getTime() > this.options.windowDays * DAY_MS) {
        return refused(returnFailure('RETURN_WINDOW_CLOSED', 'orderId', `Returns are accepted for ${this.options.windowDays} days after delivery`));
      }
      const earlier = await this.returns.forOrders([order.id], tx);
      const lines = this.returnLines(order, request.units, unitsIn(earlier, claiming));
      if ('error' in lines) return refused(lines.error);
      const refundAmount = refundFor(charged(order), unitsIn(earlier, refunding), request.units);
      const ret = await this.returns.insert(
        { orderId: order.id, customerId: order.customerId, reason: request.reason, lines: lines.lines, refundAmount, currency: order.currency },
        tx,
      );
      await this.lifecycle.record(tx, ret, null, request.reason, after);
      return { return: ret, errors: [] };
    });
  }

  approve(context: SubgraphContext, returnId: string, note: string | null | undefined): Promise<ReturnResult> {
    return this.decide(context, returnId, note, 'APPROVED');
  }

  reject(context: SubgraphContext, returnId: string, note: string | null | undefined): Promise<ReturnResult> {
    return this.decide(context, returnId, note, 'REJECTED');
  }

  /** The units arrived: the refund is fixed now (after earlier receipts) and inventory and payments act on it. */
  async markReceived(context: SubgraphContext, returnId: string): Promise<ReturnResult> {
    requireRole(context, 'admin');
    return this.inTransaction(async (tx, after) => {
      const locked = await this.lockWithOrder(returnId, tx);
      if (!locked) return refused(returnFailure('NOT_FOUND', 'returnId', 'No such return'));
      const { order, ret } = locked;
      if (ret.status !== 'APPROVED')
        return {
          return: ret,
          errors: [returnFailure('INVALID_RETURN_STATUS', 'returnId', `Only an approved return can be received; this one is ${ret.status.toLowerCase()}`)],
        };
      const others = (await this.returns.forOrders([order.id], tx)).filter((other) => other.id !== ret.id);
      const refundAmount = refundFor(charged(order), unitsIn(others, refunding), new Map(ret.lines.map((line) => [line.lineId, line.quantity])));
      const received = pending(returnReceived, {
        returnId: ret.id,
        orderId: order.id,
        customerId: order.customerId,
        items: ret.lines.map(({ lineId, productId, variantId, quantity }) => ({ lineId, productId, variantId, quantity })),
        refund: { amount: refundAmount, currency: ret.currency },
      });
      return { return: await this.lifecycle.moveTo(tx, ret, 'RECEIVED', after, { refundAmount, publish: [received] }), errors: [] };
    });
  }

  /** Payments' answer (inside the saga consumer's inbox transaction): a redelivery or a late answer changes nothing. */
  async refunded(tx: Executor, event: ReturnRefunded, after: AfterCommit): Promise<void> {
    const locked = await this.lockWithOrder(event.returnId, tx);
    if (!locked || locked.ret.status !== 'RECEIVED') return;
    if (event.refund.amount !== locked.ret.refundAmount)
      this.logger.warn(
        { returnId: event.returnId, refunded: event.refund.amount, expected: locked.ret.refundAmount },
        'return refunded another amount than requested',
      );
    await this.lifecycle.moveTo(tx, locked.ret, 'REFUNDED', after, { refundAmount: event.refund.amount });
  }

  private async decide(context: SubgraphContext, returnId: string, note: string | null | undefined, status: 'APPROVED' | 'REJECTED'): Promise<ReturnResult> {
    requireRole(context, 'admin');
    const checked = checkNote(note);
    if ('error' in checked) return refused(checked.error);
    return this.inTransaction(async (tx, after) => {
      const locked = await this.lockWithOrder(returnId, tx);
      if (!locked) return refused(returnFailure('NOT_FOUND', 'returnId', 'No such return'));
      if (locked.ret.status !== 'REQUESTED') {
        return {
          return: locked.ret,
          errors: [
            returnFailure(
              'INVALID_RETURN_STATUS',
              'returnId',
              `Only a requested return can be ${status.toLowerCase()}; this one is ${locked.ret.status.toLowerCase()}`,
            ),
          ],
        };
      }
      return { return: await this.lifecycle.moveTo(tx, locked.ret, status, after, { note: checked.note }), errors: [] };
    });
  }

  /** Order first, then the return: every writer of an order's returns locks in this order. */
  private async lockWithOrder(returnId: string, tx: Executor): Promise<{ order: OrderRecord; ret: ReturnRecord } | null> {
    const [found] = await this.returns.findByIds([returnId], tx);
    if (!found) return null;
    const order = await this.orders.lock(found.orderId, tx);
    const ret = await this.returns.lock(returnId, tx);
    return order && ret ? { order, ret } : null;
  }

  private returnLines(
    order: OrderRecord,
    units: ReadonlyMap<string, number>,
    claimed: ReadonlyMap<string, number>,
  ): { lines: StoredReturnLine[] } | { error: ReturnFailure } {
    const lines: StoredReturnLine[] = [];
    for (const [lineId, quantity] of units) {
      const line = order.lines.find((candidate) => candidate.lineId === lineId);
      if (!line) return { error: returnFailure('INVALID_LINES', 'lines', `The order has no line ${lineId}`) };
      const left = line.quantity - (claimed.get(lineId) ?? 0);
      if (quantity > left) {
        return { error: returnFailure('RETURN_QUANTITY_EXCEEDED', 'lines', `Only ${left} of ${line.quantity} × ${line.productName} can still be returned`) };
      }
      lines.push({ lineId, productId: line.productId, variantId: restockUnitOf(line), productName: line.productName, quantity });
    }
    return { lines };
  }

  private async inTransaction(work: (tx: Executor, after: AfterCommit) => Promise<ReturnResult>): Promise<ReturnResult> {
    const after = new AfterCommit();
    const result = await this.db.transaction((tx) => work(tx, after));
    await after.run((error) => this.logger.warn({ err: error }, 'return status push failed after commit'));
    return result;
  }
}
