import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { productCreated, productDeleted, productUpdated, type OutgoingMessage } from '@shop/events';
import { CatalogConflictError, CatalogVersionConflictError, type CatalogStore, type Product, type ProductEvents } from '../src';
import { catalogBackends, storePerSuite } from './catalog-backends';
import { CapturingTransport } from './capturing-transport';
import { productInput, steppingClock, unique } from './catalog-test-support';

const snapshot = (p: Product) => ({ productId: p.id, sku: p.sku, name: p.name, categoryId: p.categoryId, price: p.price, published: p.published });
const message = (envelope: OutgoingMessage['envelope']): OutgoingMessage => ({ topic: productCreated.topic, key: envelope.aggregateId, envelope });
const created: ProductEvents = (p) => [message(productCreated.create(p.id, snapshot(p)))];
const updated: ProductEvents = (p) => [message(productUpdated.create(p.id, snapshot(p)))];
const deleted: ProductEvents = (p) => [message(productDeleted.create(p.id, { productId: p.id }))];
const failing: ProductEvents = () => {
  throw new Error('event builder failed');
};

/** ONE suite, every adapter: events recorded atomically with product writes, published by the store's relay. */
describe.each(catalogBackends.map((backend) => [backend.name, backend] as const))('catalog events contract on %s', (_name, backend) => {
  let store: CatalogStore;
  storePerSuite(backend, steppingClock(), (opened) => {
    store = opened;
  });

  const newCategory = async () => (await store.createCategory({ slug: unique('events'), name: 'Events' })).id;
  /** What the transport accepted for these products, as `<type>:<aggregate>:<name or ->`. */
  const about = (accepted: OutgoingMessage[], ids: string[]) => accepted.filter((m) => ids.includes(m.key));

  it('records events with writes and the relay publishes each exactly once, in order per product, across a restart and an outage', async () => {
    const categoryId = await newCategory();
    const a = await store.createProduct(productInput(categoryId, { name: 'A1' }), { events: created });
    const b = await store.createProduct(productInput(categoryId, { name: 'B1' }), { events: created });
    await store.updateProduct(a.id, { name: 'A2' }, 1, { events: updated });
    await store.updateProduct(b.id, { name: 'B2', published: true }, undefined, { events: updated });
    await store.updateProduct(a.id, { name: 'A3' }, undefined, { events: updated });
    expect(await store.deleteProduct(a.id, { events: deleted })).toBe(true);
    // Deleted means gone from every read at once, and its sku and slug are free again.
    expect(await store.getProducts([a.id])).toEqual([]);
    expect(await store.getProductBySlug(a.slug)).toBeNull();
    expect((await store.listProducts({ filter: { categoryIds: [categoryId] }, first: 10 })).items.map((p) => p.id)).toEqual([b.id]);
    await store.createProduct(productInput(categoryId, { sku: a.sku, slug: a.slug }));

    const transport = new CapturingTransport();
    transport.failures = 2;
    const first = store.startEventRelay({ transport, pollIntervalMs: 20 });
    await transport.until((accepted) => about(accepted, [a.id, b.id]).length >= 6);
    await first.stop();
    await store.updateProduct(b.id, { name: 'B3' }, 2, { events: updated });
    const second = store.startEventRelay({ transport, pollIntervalMs: 20 });
    await transport.until((accepted) => about(accepted, [b.id]).length >= 3);
    await second.stop();

    const describeEvent = (m: OutgoingMessage) => `${m.envelope.type}:${(m.envelope.data as { name?: string }).name ?? '-'}`;
    const published = about(transport.accepted, [a.id, b.id]);
    expect(new Set(published.map((m) => m.envelope.id)).size).toBe(published.length);
    expect(published.filter((m) => m.key === a.id).map(describeEvent)).toEqual([
      'product.created:A1',
      'product.updated:A2',
      'product.updated:A3',
      'product.deleted:-',
    ]);
    expect(published.filter((m) => m.key === b.id).map(describeEvent)).toEqual(['product.created:B1', 'product.updated:B2', 'product.updated:B3']);
    expect(published.every((m) => m.topic === 'shop.products')).toBe(true);
    expect(productUpdated.parse(published.find((m) => describeEvent(m) === 'product.updated:B2')!.envelope).data).toEqual({
      ...snapshot(b),
      name: 'B2',
      published: true,
    });
  });

  it('a failed write records nothing, and a failing event builder fails the write', async () => {
    const categoryId = await newCategory();
    const kept = await store.createProduct(productInput(categoryId, { name: 'Kept' }), { events: created });
    const other = await store.createProduct(productInput(categoryId));
    await expect(store.createProduct(productInput(categoryId, { sku: kept.sku }), { events: created })).rejects.toBeInstanceOf(CatalogConflictError);
    await expect(store.updateProduct(kept.id, { name: 'Stale' }, 7, { events: updated })).rejects.toBeInstanceOf(CatalogVersionConflictError);
    await expect(store.updateProduct(other.id, { slug: kept.slug }, undefined, { events: updated })).rejects.toBeInstanceOf(CatalogConflictError);
    expect(await store.updateProduct(randomUUID(), { name: 'Nobody' }, undefined, { events: failing })).toBeNull();
    expect(await store.deleteProduct(randomUUID(), { events: failing })).toBe(false);

    const input = productInput(categoryId);
    await expect(store.createProduct(input, { events: failing })).rejects.toThrow('event builder failed');
    expect(await store.getProductBySlug(input.slug)).toBeNull();
    await expect(store.updateProduct(kept.id, { name: 'Unannounced' }, undefined, { events: failing })).rejects.toThrow('event builder failed');
    await expect(store.deleteProduct(kept.id, { events: failing })).rejects.toThrow('event builder failed');
    expect(await store.getProducts([kept.id])).toEqual([kept]);

    await store.updateProduct(kept.id, { name: 'Sentinel' }, 1, { events: updated });
    const transport = new CapturingTransport();
    const relay = store.startEventRelay({ transport, pollIntervalMs: 20 });
    relay.wake();
    await transport.until((accepted) => accepted.some((m) => m.key === kept.id && m.envelope.type === 'product.updated'));
    await relay.stop();
    const published = about(transport.accepted, [kept.id, other.id]);
    expect(published.map((m) => `${m.envelope.type}:${(m.envelope.data as { name: string }).name}`)).toEqual([
      'product.created:Kept',
      'product.updated:Sentinel',
    ]);
  });
});
