import { z } from 'zod';
import { Rollback, transactOrRollback, type Executor, type Transact } from '@shop/db';
import { requireRole, type SubgraphContext } from '@shop/subgraph-kit';
import { announceStock } from '../events/stock-events';
import type { MovementRecord, MovementStore } from '../stores/movement.store';
import { available, type StockStore } from '../stores/stock.store';
import { failure, invalidInput, type InventoryFailure } from './inventory-errors';

export type AdjustStockResult = { movement: MovementRecord; errors: [] } | { movement: null; errors: InventoryFailure[] };

const id = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .nullish()
  .transform((value) => value ?? null);
const adjustInput = z
  .object({
    variantId: id,
    productId: id,
    delta: z
      .number()
      .int()
      .min(-1_000_000)
      .max(1_000_000)
      .refine((delta) => delta !== 0, 'must not be 0'),
    reason: z
      .string()
      .trim()
      .max(500)
      .nullish()
      .transform((reason) => reason || null),
    idempotencyKey: z.string().trim().min(1).max(200),
  })
  .refine((input) => input.variantId !== null || input.productId !== null, {
    path: ['variantId'],
    message: 'give variantId (or productId of a product with one variant)',
  });
type AdjustInput = z.output<typeof adjustInput>;

const fail = (...errors: InventoryFailure[]): AdjustStockResult => ({ movement: null, errors });
const refuse = (...errors: InventoryFailure[]) => new Rollback(fail(...errors));

/**
 * Admin stock adjustments of one variant. Idempotent per (admin, key): the unique index on the
 * ledger decides which of two concurrent requests applies; the other rolls back and answers with
 * the winner's movement. A failed adjustment records nothing, so its key can be used again.
 */
export class AdjustStockService {
  constructor(
    private readonly stock: StockStore,
    private readonly movements: MovementStore,
    private readonly transact: Transact,
  ) {}

  async adjust(context: SubgraphContext, input: unknown): Promise<AdjustStockResult> {
    const actorId = requireRole(context, 'admin').userId;
    const parsed = adjustInput.safeParse(input);
    if (!parsed.success) return fail(...invalidInput(parsed.error.issues));
    const request = parsed.data;
    const earlier = await this.movements.findByKey(actorId, request.idempotencyKey);
    if (earlier) return replay(earlier, request);
    const result = await transactOrRollback<AdjustStockResult | 'key-taken'>(this.transact, (tx) => this.apply(actorId, request, tx));
    if (result !== 'key-taken') return result;
    return replay((await this.movements.findByKey(actorId, request.idempotencyKey))!, request);
  }

  private async apply(actorId: string, request: AdjustInput, tx: Executor) {
    const variantId = await this.variantOf(request, tx);
    const level = (await this.stock.adjust(variantId, request.delta, tx)) ?? (await this.adjustIfJustCreated(variantId, request, tx));
    const { delta, reason, idempotencyKey } = request;
    const movement = await this.movements.insert(
      { productId: level.productId, variantId, delta, reason, idempotencyKey, kind: 'adjustment', onHandAfter: level.onHand, actorId, reservationId: null },
      tx,
    );
    if (!movement) throw new Rollback('key-taken' as const);
    await announceStock(tx, this.stock, level);
    return { movement, errors: [] as [] };
  }

  /** The variant named, or the only variant of the product named. */
  private async variantOf(request: AdjustInput, tx: Executor): Promise<string> {
    if (request.variantId !== null) {
      if (request.productId !== null) {
        const [row] = await this.stock.findByIds([request.variantId], tx);
        if (row && row.productId !== request.productId) throw refuse(failure('UNKNOWN_VARIANT', "This variant is not one of the product's", 'variantId'));
      }
      return request.variantId;
    }
    const variants = await this.stock.variantsOf(request.productId!, tx);
    if (variants.length === 0) throw refuse(failure('UNKNOWN_PRODUCT', 'No stock is kept for this product', 'productId'));
    if (variants.length > 1) throw refuse(failure('VARIANT_REQUIRED', `This product has ${variants.length} variants; name one with variantId`, 'variantId'));
    return variants[0]!.variantId;
  }

  /**
   * The update matched no row. Either the variant has no stock row, the units are short, or the
   * row was created (product event) after the update looked and before this read: a
   * statement-level snapshot sees it now, so the adjustment is tried once more before refusing.
   */
  private async adjustIfJustCreated(variantId: string, request: AdjustInput, tx: Executor) {
    const [current] = await this.stock.findByIds([variantId], tx);
    if (!current) throw refuse(failure('UNKNOWN_VARIANT', 'No stock is kept for this variant', 'variantId'));
    const retried = await this.stock.adjust(variantId, request.delta, tx);
    if (retried) return retried;
    const message = `Only ${available(current)} units can be removed (${current.onHand} on hand, ${current.reserved} reserved)`;
    throw refuse(failure('INSUFFICIENT_STOCK', message, 'delta'));
  }
}

/** The same key with the same request answers with the first result; with another request it is refused. */
function replay(earlier: MovementRecord, request: AdjustInput): AdjustStockResult {
  const sameTarget = request.variantId !== null ? earlier.variantId === request.variantId : earlier.productId === request.productId;
  const same = sameTarget && earlier.delta === request.delta && earlier.reason === request.reason;
  if (same) return { movement: earlier, errors: [] };
  return fail(failure('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different adjustment', 'idempotencyKey'));
}
