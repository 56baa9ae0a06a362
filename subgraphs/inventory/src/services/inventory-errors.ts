import type { PayloadFailure } from '@shop/subgraph-kit';
/** Mirrors the schema's `InventoryErrorCode`: expected failures are data, not exceptions. */
export type InventoryErrorCode = 'INVALID_INPUT' | 'UNKNOWN_PRODUCT' | 'UNKNOWN_VARIANT' | 'VARIANT_REQUIRED' | 'INSUFFICIENT_STOCK' | 'IDEMPOTENCY_KEY_REUSED';

export type InventoryFailure = PayloadFailure<InventoryErrorCode>;

export const failure = (code: InventoryErrorCode, message: string, field: string | null = null): InventoryFailure => ({ code, field, message });

/** One `{ code: INVALID_INPUT }` per zod issue, naming the input field at fault. */
export function invalidInput(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): InventoryFailure[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    return failure('INVALID_INPUT', `${field}: ${issue.message}`, field || null);
  });
}
