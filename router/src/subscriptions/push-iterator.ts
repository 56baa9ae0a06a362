type Waiter<T> = (result: IteratorResult<T>) => void;

/**
 * A push-to-pull async iterator: producers `push`/`end`, graphql-ws pulls with `for await`.
 * Unlike an async generator, `return()` takes effect at once even while a `next()` is pending,
 * which is what lets a client's `complete` (or disconnect) tear the upstream down immediately.
 */
export class PushIterator<T> implements AsyncIterableIterator<T> {
  readonly #buffer: T[] = [];
  readonly #waiters: Array<Waiter<T>> = [];
  #ended = false;

  /** @param onReturn called once when the consumer stops early (`return()`/`throw()`). */
  constructor(private readonly onReturn: () => void) {}

  /** Buffered values; the producer decides what to do when a consumer falls too far behind. */
  get buffered(): number {
    return this.#buffer.length;
  }

  get ended(): boolean {
    return this.#ended;
  }

  push(value: T): void {
    if (this.#ended) return;
    const waiter = this.#waiters.shift();
    if (waiter) waiter({ value, done: false });
    else this.#buffer.push(value);
  }

  /** No more values; those already buffered are still delivered. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    for (const waiter of this.#waiters.splice(0)) waiter({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#buffer.length > 0) return Promise.resolve({ value: this.#buffer.shift() as T, done: false });
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  async return(): Promise<IteratorResult<T>> {
    const wasEnded = this.#ended;
    this.#buffer.length = 0;
    this.end();
    if (!wasEnded) this.onReturn();
    return { value: undefined, done: true };
  }

  async throw(): Promise<IteratorResult<T>> {
    return this.return();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
