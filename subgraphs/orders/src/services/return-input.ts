import type { PayloadFailure } from '@shop/subgraph-kit';

/** Why a return mutation was refused (the schema's ReturnErrorCode). */
export type ReturnErrorCode =
  | 'NOT_FOUND'
  | 'ORDER_NOT_DELIVERED'
  | 'RETURN_WINDOW_CLOSED'
  | 'RETURN_QUANTITY_EXCEEDED'
  | 'INVALID_LINES'
  | 'INVALID_REASON'
  | 'INVALID_NOTE'
  | 'INVALID_RETURN_STATUS';

export type ReturnFailure = PayloadFailure<ReturnErrorCode>;

export const returnFailure = (code: ReturnErrorCode, field: string | null, message: string): ReturnFailure => ({ code, field, message });

/** An order line has at most 99 units and a cart at most 50 lines: a return never needs more. */
export const MAX_RETURN_LINES = 50;
export const MAX_RETURN_UNITS = 99;
export const MAX_TEXT = 500;

export interface ReturnLineInput {
  lineId: string;
  quantity: number;
}

export interface RequestReturnInput {
  orderId: string;
  lines: readonly ReturnLineInput[];
  reason: string;
}

/** The request as checked without the database: trimmed reason, units per line id. */
export interface CheckedReturnRequest {
  orderId: string;
  reason: string;
  units: Map<string, number>;
}

/** The first problem per field, or the checked request. */
export function checkReturnRequest(input: RequestReturnInput): { request: CheckedReturnRequest } | { errors: ReturnFailure[] } {
  const errors: ReturnFailure[] = [];
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > MAX_TEXT) errors.push(returnFailure('INVALID_REASON', 'reason', `The reason must be 1 to ${MAX_TEXT} characters`));
  const units = new Map<string, number>();
  const linesProblem = (() => {
    if (input.lines.length === 0 || input.lines.length > MAX_RETURN_LINES) return `Return 1 to ${MAX_RETURN_LINES} lines`;
    for (const line of input.lines) {
      if (units.has(line.lineId)) return `Line ${line.lineId} is listed twice`;
      if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_RETURN_UNITS)
        return `A line's quantity must be 1 to ${MAX_RETURN_UNITS}`;
      units.set(line.lineId, line.quantity);
    }
    return null;
  })();
  if (linesProblem) errors.push(returnFailure('INVALID_LINES', 'lines', linesProblem));
  return errors.length > 0 ? { errors } : { request: { orderId: input.orderId, reason, units } };
}

/** An admin's note: optional, 1 to 500 characters once trimmed. */
export function checkNote(note: string | null | undefined): { note: string | null } | { error: ReturnFailure } {
  if (note === null || note === undefined) return { note: null };
  const trimmed = note.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_TEXT)
    return { error: returnFailure('INVALID_NOTE', 'note', `The note must be 1 to ${MAX_TEXT} characters`) };
  return { note: trimmed };
}
