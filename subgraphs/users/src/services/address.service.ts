import type { Executor, Transact } from '@shop/db';
import { optionalText, postalAddressInput, rowsByKey, type SubgraphContext, type PayloadFailure } from '@shop/subgraph-kit';
import type { AddressFields, AddressRecord, AddressStore } from '../stores/address.store';

export const MAX_ADDRESSES = 20;

export type AddressErrorCode = 'INVALID_FIELD' | 'INVALID_COUNTRY' | 'TOO_MANY_ADDRESSES' | 'NOT_FOUND';
export type AddressFailure = PayloadFailure<AddressErrorCode>;
export type AddressResult = { address: AddressRecord; errors: [] } | { address: null; errors: AddressFailure[] };

const addressInput = postalAddressInput.extend({ label: optionalText(50), phone: optionalText(30) });

const notFound = (): AddressResult => ({ address: null, errors: [{ code: 'NOT_FOUND', field: 'id', message: 'No such address' }] });

/** A user's address book: validation, the one-default rule and the per-user limit. */
export class AddressService {
  constructor(
    private readonly addresses: AddressStore,
    private readonly lockUser: (userId: string, tx: Executor) => Promise<void>,
    private readonly transact: Transact,
  ) {}

  forUser(context: SubgraphContext, userId: string): Promise<AddressRecord[]> {
    return rowsByKey(
      context,
      'addresses.byUser',
      (ids) => this.addresses.listForUsers(ids),
      (row) => row.userId,
    ).load(userId);
  }

  private validate(input: unknown): { fields: AddressFields } | { errors: AddressFailure[] } {
    const parsed = addressInput.safeParse(input);
    if (parsed.success) return { fields: parsed.data };
    return {
      errors: parsed.error.issues.map((issue) => {
        const field = String(issue.path[0] ?? '');
        return field === 'country'
          ? { code: 'INVALID_COUNTRY', field, message: 'Country must be an ISO 3166-1 alpha-2 code such as DE or US' }
          : { code: 'INVALID_FIELD', field, message: `${field}: ${issue.message}` };
      }),
    };
  }

  async add(userId: string, input: unknown, makeDefault: boolean): Promise<AddressResult> {
    const checked = this.validate(input);
    if ('errors' in checked) return { address: null, errors: checked.errors };
    return this.transact(async (tx) => {
      await this.lockUser(userId, tx);
      const existing = await this.addresses.countForUser(userId, tx);
      if (existing >= MAX_ADDRESSES) {
        return { address: null, errors: [{ code: 'TOO_MANY_ADDRESSES', field: null, message: `At most ${MAX_ADDRESSES} addresses` }] };
      }
      const created = await this.addresses.insert(userId, checked.fields, false, tx);
      const address = makeDefault || existing === 0 ? await this.addresses.setDefault(userId, created.id, tx) : created;
      return { address: address!, errors: [] };
    });
  }

  async update(userId: string, id: string, input: unknown): Promise<AddressResult> {
    const checked = this.validate(input);
    if ('errors' in checked) return { address: null, errors: checked.errors };
    const address = await this.addresses.update(userId, id, checked.fields);
    return address ? { address, errors: [] } : notFound();
  }

  async remove(userId: string, id: string): Promise<AddressResult> {
    const address = await this.addresses.delete(userId, id);
    return address ? { address, errors: [] } : notFound();
  }

  /** Checks ownership before clearing the old default: a refused call must change nothing. */
  async setDefault(userId: string, id: string): Promise<AddressResult> {
    return this.transact(async (tx) => {
      // The user lock serializes two concurrent setDefault calls, which would otherwise both clear
      // and then collide on the one-default index.
      await this.lockUser(userId, tx);
      const owned = await this.addresses.findOwnedForUpdate(userId, id, tx);
      if (!owned) return notFound();
      if (owned.isDefault) return { address: owned, errors: [] };
      const address = await this.addresses.setDefault(userId, id, tx);
      return { address: address!, errors: [] };
    });
  }
}
