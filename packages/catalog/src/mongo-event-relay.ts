import type { Collection } from 'mongodb';
import { z } from 'zod';
import { parseEnvelope, startWorkerLoop, type OutgoingMessage } from '@shop/events';
import type { CatalogEventRelay, CatalogEventRelayOptions } from './catalog-events';
import type { PendingEventDoc, ProductDoc } from './mongo-documents';
import type { KeyedMutex } from './keyed-mutex';

const pendingSchema = z.array(z.object({ id: z.string(), topic: z.string(), key: z.string(), envelope: z.string() }));

export const toPendingEvents = (messages: readonly OutgoingMessage[]): PendingEventDoc[] =>
  messages.map(({ topic, key, envelope }) => ({ id: envelope.id, topic, key, envelope: JSON.stringify(envelope) }));

/** Documents still holding events, or deleted documents that wait only for their removal. */
const backlog = { $or: [{ 'pendingEvents.0': { $exists: true } }, { deleted: true }] };
export const drainedTombstone = (id: string) => ({ _id: id, deleted: true, $or: [{ pendingEvents: { $exists: false } }, { pendingEvents: { $size: 0 } }] });

/**
 * The in-document outbox's relay. Each round reads up to `batchSize` documents with pending events,
 * publishes all their events in one `publish` (each product's in array order, i.e. write order),
 * then removes exactly the published elements with `$pullAll` (FerretDB 1.24 ignores a `$pull`
 * with a condition; `$pullAll` matches whole elements, read back unchanged). Events pushed
 * meanwhile stay for the next round. A crash between publish and pull republishes: at-least-once,
 * consumers deduplicate by event id. A deleted document is removed once it holds no events.
 */
export function startMongoEventRelay(products: Collection<ProductDoc>, locks: KeyedMutex, options: CatalogEventRelayOptions): CatalogEventRelay {
  const { transport, batchSize = 100, pollIntervalMs = 1000, logger } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('startEventRelay: batchSize must be an integer >= 1');
  if (!(pollIntervalMs > 0)) throw new Error('startEventRelay: pollIntervalMs must be > 0');
  const publishRound = async (): Promise<number> => {
    const docs = await products
      .find(backlog, { projection: { _id: 1, pendingEvents: 1, deleted: 1 }, limit: batchSize, comment: 'catalog.pendingEvents' })
      .toArray();
    const batches = docs.map((doc) => ({ id: doc._id, deleted: doc.deleted === true, pending: pendingSchema.parse(doc.pendingEvents) }));
    const messages = batches.flatMap(({ pending }) =>
      pending.map((event) => ({ topic: event.topic, key: event.key, envelope: parseEnvelope(JSON.parse(event.envelope)) })),
    );
    if (messages.length > 0) await transport.publish(messages);
    for (const { id, deleted, pending } of batches) {
      await locks.run(id, async () => {
        await products.updateOne({ _id: id }, { $pullAll: { pendingEvents: pending } }, { comment: 'catalog.pullPublishedEvents' });
        if (deleted) await products.deleteOne(drainedTombstone(id), { comment: 'catalog.removeTombstone' });
      });
    }
    return docs.length;
  };

  return startWorkerLoop({
    pass: publishRound,
    batchSize,
    idleMs: () => pollIntervalMs,
    failureMs: () => pollIntervalMs,
    onError: (error) => logger?.warn({ err: error instanceof Error ? error.message : String(error) }, 'catalog event relay round failed; will retry'),
  });
}
