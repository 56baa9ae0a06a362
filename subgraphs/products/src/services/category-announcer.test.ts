import { describe, expect, it } from 'vitest';
import type { Category } from '@shop/catalog';
import type { EventTransport, OutgoingMessage } from '@shop/events';
import { CategoryAnnouncer } from './category-announcer';

const category = (id: string, slug: string): Category => ({ id, slug, name: slug, parentId: null, position: 0 }) as Category;

/** A transport whose first `failures` publishes reject. */
function transport(failures: number) {
  const published: OutgoingMessage[][] = [];
  let calls = 0;
  const fake = {
    publish: async (messages: OutgoingMessage[]) => {
      calls++;
      if (calls <= failures) throw new Error('broker down');
      published.push(messages);
    },
  } as unknown as EventTransport;
  return { fake, published, calls: () => calls };
}

const sent = (batches: OutgoingMessage[][]) =>
  batches.map((batch) => batch.map((m) => [m.topic, m.key, m.envelope.type, (m.envelope.data as { slug: string }).slug]));

describe('CategoryAnnouncer', () => {
  it('publishes category.changed keyed by the category id on shop.categories', async () => {
    const t = transport(0);
    const announcer = new CategoryAnnouncer(t.fake, { warn: () => {} }, 0);
    announcer.announce([category('c1', 'shoes'), category('c2', 'hats')]);
    await announcer.settled();
    expect(sent(t.published)).toEqual([
      [
        ['shop.categories', 'c1', 'category.changed', 'shoes'],
        ['shop.categories', 'c2', 'category.changed', 'hats'],
      ],
    ]);
  });

  it('retries a failed publish with the newest state of each category, after the batch in flight', async () => {
    const t = transport(2);
    const warnings: unknown[] = [];
    const announcer = new CategoryAnnouncer(t.fake, { warn: (detail: unknown) => warnings.push(detail) }, 0);
    announcer.announce([category('c1', 'shoes')]);
    announcer.announce([category('c1', 'boots'), category('c2', 'hats')]);
    await announcer.settled();
    expect(t.calls()).toBe(3);
    expect(warnings).toHaveLength(2);
    expect(sent(t.published)).toEqual([
      [
        ['shop.categories', 'c1', 'category.changed', 'boots'],
        ['shop.categories', 'c2', 'category.changed', 'hats'],
      ],
    ]);
  });

  it('stops retrying when stopped', async () => {
    const t = transport(Number.MAX_SAFE_INTEGER);
    const announcer = new CategoryAnnouncer(t.fake, { warn: () => {} }, 60_000);
    announcer.announce([category('c1', 'shoes')]);
    await announcer.stop();
    expect(t.published).toEqual([]);
    announcer.announce([category('c2', 'hats')]);
    await announcer.settled();
    expect(t.calls()).toBe(1);
  });
});
