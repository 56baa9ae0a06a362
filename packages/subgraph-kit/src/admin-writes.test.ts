import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Executor, Transact } from '@shop/db';
import { adminWrites, type AdminChange, type AdminWriteStore } from './admin-writes';
import type { SubgraphContext, Viewer } from './context';
import type { PayloadFailure } from './payload-failure';

type Note = { id: string; text: string };
const contextOf = (viewer: Viewer | null): SubgraphContext => ({ viewer, requestId: 'r1', logger: pino({ enabled: false }) });
const admin = contextOf({ userId: 'u1', roles: ['customer', 'admin'] });
const tx = {} as Executor;

/** Notes keyed by text (the unique key), the events each write recorded and how many transactions ran. */
function notes() {
  const rows = new Map<string, Note>();
  const events: Array<[AdminChange, string]> = [];
  let transactions = 0;
  const taken = (text: string, id?: string) => [...rows.values()].some((row) => row.text === text && row.id !== id);
  const store: AdminWriteStore<Note, { text: string }> = {
    insert: async ({ text }) => {
      if (taken(text)) return null;
      const row = { id: `n${rows.size + 1}`, text };
      rows.set(row.id, row);
      return row;
    },
    update: async (id, { text }) => {
      if (taken(text, id)) throw Object.assign(new Error('duplicate key'), { code: '23505' });
      if (!rows.has(id)) return null;
      rows.set(id, { id, text });
      return { id, text };
    },
    delete: async (id) => {
      const row = rows.get(id) ?? null;
      rows.delete(id);
      return row;
    },
  };
  const transact: Transact = (work) => {
    transactions++;
    return work(tx);
  };
  const writes = adminWrites({
    key: 'note',
    store,
    transact,
    validate: (input: { text: string }): { fields: { text: string } } | { errors: PayloadFailure[] } =>
      input.text.trim() ? { fields: { text: input.text.trim() } } : { errors: [{ code: 'INVALID_FIELD', field: 'text', message: 'text: required' }] },
    announce: async (_tx, note, change) => {
      events.push([change, note.id]);
    },
    notFound: { code: 'NOT_FOUND', field: 'id', message: 'No note has this id' },
    duplicate: { code: 'DUPLICATE', field: null, message: 'A note with this text exists' },
  });
  return { writes, events, transactions: () => transactions };
}

describe('adminWrites', () => {
  it('writes and announces each change in one transaction, the record under its key', async () => {
    const { writes, events, transactions } = notes();
    expect(await writes.create(admin, { text: ' a ' })).toEqual({ note: { id: 'n1', text: 'a' }, errors: [] });
    expect(await writes.update(admin, 'n1', { text: 'b' })).toEqual({ note: { id: 'n1', text: 'b' }, errors: [] });
    expect(await writes.remove(admin, 'n1')).toEqual({ note: { id: 'n1', text: 'b' }, errors: [] });
    expect(events).toEqual([
      ['created', 'n1'],
      ['updated', 'n1'],
      ['deleted', 'n1'],
    ]);
    expect(transactions()).toBe(3);
  });

  it('answers invalid input, unknown ids and taken keys in the payload, announcing nothing', async () => {
    const { writes, events, transactions } = notes();
    await writes.create(admin, { text: 'a' });
    await writes.create(admin, { text: 'b' });
    events.length = 0;
    expect(await writes.create(admin, { text: ' ' })).toEqual({ note: null, errors: [{ code: 'INVALID_FIELD', field: 'text', message: 'text: required' }] });
    expect(await writes.create(admin, { text: 'a' })).toEqual({
      note: null,
      errors: [{ code: 'DUPLICATE', field: null, message: 'A note with this text exists' }],
    });
    expect((await writes.update(admin, 'n2', { text: 'a' })).errors.map((error) => error.code)).toEqual(['DUPLICATE']);
    expect((await writes.update(admin, 'n9', { text: 'c' })).errors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    expect((await writes.remove(admin, 'n9')).errors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    expect(events).toEqual([]);
    // Invalid input never opens a transaction.
    expect(transactions()).toBe(2 + 4);
  });

  it('refuses callers who are not admins before looking at the input', async () => {
    const { writes, transactions } = notes();
    const code = (extensions: string) => expect.objectContaining({ extensions: expect.objectContaining({ code: extensions }) });
    await expect(writes.create(contextOf(null), { text: ' ' })).rejects.toThrow(code('UNAUTHENTICATED'));
    await expect(writes.update(contextOf({ userId: 'u2', roles: ['customer'] }), 'n1', { text: 'a' })).rejects.toThrow(code('FORBIDDEN'));
    await expect(writes.remove(contextOf({ userId: 'u2', roles: ['customer'] }), 'n1')).rejects.toThrow(code('FORBIDDEN'));
    expect(transactions()).toBe(0);
  });
});
