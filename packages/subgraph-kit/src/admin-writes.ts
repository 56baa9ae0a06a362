import { isUniqueViolation, type Executor, type Transact } from '@shop/db';
import { ADMIN_ROLE, requireRole, type SubgraphContext } from './context';
import type { PayloadFailure } from './payload-failure';

/** What an admin write did to a record, as its event names it. */
export type AdminChange = 'created' | 'updated' | 'deleted';

/**
 * The SQL side of an admin-written table (`CountryRateStore` of @shop/db fits): `insert` answers
 * null when another record holds the unique key, `update` throws a unique violation then;
 * `update` and `delete` answer null for an id no record has.
 */
export interface AdminWriteStore<R, F> {
  insert(fields: F, db: Executor): Promise<R | null>;
  update(id: string, fields: F, db: Executor): Promise<R | null>;
  delete(id: string, db: Executor): Promise<R | null>;
}

/** A mutation payload as the schema types it: the record under `key` and no errors, or null and why. */
export type AdminWritePayload<K extends string, R, E> = ({ [P in K]: R } & { errors: [] }) | ({ [P in K]: null } & { errors: E[] });

export interface AdminWritesOptions<K extends string, R, F, I, E extends PayloadFailure> {
  /** The payload's field of the record, e.g. `taxRate`. */
  key: K;
  store: AdminWriteStore<R, F>;
  transact: Transact;
  /** Every problem of the input at once (so a form can show them together), else the fields to store. */
  validate(input: I): { fields: F } | { errors: E[] };
  /** Records the change's event in the write's transaction, so the record and its event commit together. */
  announce(tx: Executor, record: R, change: AdminChange): Promise<void>;
  /** The failure of an update or delete of an id no record has. */
  notFound: E;
  /** The failure of a create or update onto a unique key another record holds. */
  duplicate: E;
}

export interface AdminWrites<K extends string, R, I, E> {
  create(context: SubgraphContext, input: I): Promise<AdminWritePayload<K, R, E>>;
  /** Replaces every field of the record. */
  update(context: SubgraphContext, id: string, input: I): Promise<AdminWritePayload<K, R, E>>;
  remove(context: SubgraphContext, id: string): Promise<AdminWritePayload<K, R, E>>;
}

/**
 * Admin-only create, update and delete of one kind of record (tax rates, shipping rates): the
 * caller's role is checked first (UNAUTHENTICATED / FORBIDDEN), then the input, then the write
 * and its event run in one transaction. Expected failures (invalid input, unknown id, taken key)
 * come back in the payload.
 */
export function adminWrites<K extends string, R, F, I, E extends PayloadFailure>(options: AdminWritesOptions<K, R, F, I, E>): AdminWrites<K, R, I, E> {
  const { key, store, transact, validate, announce, notFound, duplicate } = options;
  const payload = (record: R | null, errors: E[]) => ({ [key]: record, errors }) as AdminWritePayload<K, R, E>;
  const write = async (change: AdminChange, run: (tx: Executor) => Promise<R | null>, failure: E) => {
    const record = await transact(async (tx) => {
      const written = await run(tx);
      if (written) await announce(tx, written, change);
      return written;
    });
    return record ? payload(record, []) : payload(null, [failure]);
  };
  return {
    async create(context, input) {
      requireRole(context, ADMIN_ROLE);
      const checked = validate(input);
      if ('errors' in checked) return payload(null, checked.errors);
      return write('created', (tx) => store.insert(checked.fields, tx), duplicate);
    },
    async update(context, id, input) {
      requireRole(context, ADMIN_ROLE);
      const checked = validate(input);
      if ('errors' in checked) return payload(null, checked.errors);
      try {
        return await write('updated', (tx) => store.update(id, checked.fields, tx), notFound);
      } catch (error) {
        if (isUniqueViolation(error)) return payload(null, [duplicate]);
        throw error;
      }
    },
    async remove(context, id) {
      requireRole(context, ADMIN_ROLE);
      return write('deleted', (tx) => store.delete(id, tx), notFound);
    },
  };
}
