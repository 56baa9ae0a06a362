import { describe, expect, it } from 'vitest';
import type { Database } from '@shop/db';
import { createCatalogStore, MongoCatalogStore, PostgresCatalogStore, type CatalogStoreConfig } from '../src';

const fakeDb = { select: () => undefined } as unknown as Database;

describe('createCatalogStore', () => {
  it('picks the adapter from the kind', async () => {
    const mongo = createCatalogStore({ kind: 'mongo', url: 'mongodb://127.0.0.1:1/', database: 'catalog' });
    expect(mongo).toBeInstanceOf(MongoCatalogStore);
    await mongo.close();
    await mongo.close();
    expect(createCatalogStore({ kind: 'postgres', db: fakeDb })).toBeInstanceOf(PostgresCatalogStore);
  });

  it('fails loudly on an unknown kind or bad options', () => {
    expect(() => createCatalogStore({ kind: 'redis' } as unknown as CatalogStoreConfig)).toThrow(/unknown kind "redis"/);
    expect(() => createCatalogStore({ kind: 'mongo', url: 'http://x', database: 'catalog' })).toThrow(/option "url"/);
    expect(() => createCatalogStore({ kind: 'mongo', url: 'mongodb://x/', database: 'a.b' })).toThrow(/option "database"/);
    expect(() => createCatalogStore({ kind: 'postgres', db: undefined as unknown as Database })).toThrow(/option "db"/);
    expect(() => createCatalogStore({ kind: 'postgres', db: fakeDb, schema: 'Products' })).toThrow(/option "schema"/);
    expect(() => createCatalogStore({ kind: 'postgres', db: fakeDb, schema: 'public' })).toThrow(/option "schema"/);
    expect(() => createCatalogStore({ kind: 'postgres', db: fakeDb, maxPageSize: 0 })).toThrow(/option "maxPageSize"/);
  });
});
