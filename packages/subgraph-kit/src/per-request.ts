const caches = new WeakMap<object, Map<string, unknown>>();

/**
 * One instance per request (e.g. a DataLoader), keyed on the request's context object, so batching
 * never leaks data between callers and needs no wiring in the context factory.
 */
export function perRequest<T>(context: object, key: string, create: () => T): T {
  let cache = caches.get(context);
  if (!cache) {
    cache = new Map();
    caches.set(context, cache);
  }
  if (!cache.has(key)) cache.set(key, create());
  return cache.get(key) as T;
}
