import type { Category } from '@shop/catalog';
import { categoryChanged, type EventTransport, type OutgoingMessage } from '@shop/events';
import type { Logger } from '@shop/subgraph-kit';

const message = (category: Category): OutgoingMessage => ({
  topic: categoryChanged.topic,
  key: category.id,
  envelope: categoryChanged.create(category.id, { categoryId: category.id, slug: category.slug, name: category.name, parentId: category.parentId }),
});

/**
 * Publishes `category.changed` for categories as they are now. Categories are a small, rarely
 * written state, so they are announced as snapshots rather than through the catalog's outbox: a
 * write announces its category, a start announces them all, and a failed publish is retried (with
 * the category's newest state) until it succeeds. A category announced again before its last
 * publish finished is sent after it, so one category's events stay in order.
 */
export class CategoryAnnouncer {
  readonly #pending = new Map<string, Category>();
  #flushing: Promise<void> | undefined;
  #stopped = false;
  #wakeRetry: (() => void) | undefined;

  constructor(
    private readonly transport: EventTransport,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly retryMs = 1_000,
  ) {}

  announce(categories: readonly Category[]): void {
    if (this.#stopped) return;
    for (const category of categories) this.#pending.set(category.id, category);
    this.#flushing ??= this.#flush().finally(() => (this.#flushing = undefined));
  }

  /** Resolves once everything announced so far is published (or the announcer stopped). */
  async settled(): Promise<void> {
    while (this.#flushing) await this.#flushing;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wakeRetry?.();
    await this.#flushing;
  }

  async #flush(): Promise<void> {
    while (this.#pending.size > 0 && !this.#stopped) {
      const batch = [...this.#pending.values()];
      this.#pending.clear();
      try {
        await this.transport.publish(batch.map(message));
      } catch (error) {
        this.logger.warn({ err: error, categories: batch.length }, 'products: publishing category.changed failed; will retry');
        for (const category of batch) if (!this.#pending.has(category.id)) this.#pending.set(category.id, category);
        if (this.#stopped) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.retryMs);
          timer.unref();
          this.#wakeRetry = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#wakeRetry = undefined;
      }
    }
  }
}
