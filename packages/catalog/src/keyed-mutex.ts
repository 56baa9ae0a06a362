/**
 * Runs work for one key at a time, in call order; different keys run concurrently. The MongoDB
 * adapter serializes each product's read-modify-write cycles with it: FerretDB 1.24 evaluates an
 * update's filter and writes the document in separate steps, so two concurrent conditional updates
 * of one document can both "match" and the second silently overwrites the first (a lost `$push`
 * would be a lost event). This makes one process safe; MongoDB itself also makes the
 * `version` compare-and-set atomic across processes.
 */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}
