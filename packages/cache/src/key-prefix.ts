/**
 * Prefixes may only use these characters so that `${prefix}:${key}` can never collide across
 * prefixes: a prefix containing ':' (say `a:b`) could otherwise read keys of prefix `a`.
 */
const KEY_PREFIX_PATTERN = /^[A-Za-z0-9_.-]+$/;

/** Validates a `keyPrefix` option and returns the namespace string every key starts with. */
export function namespaceFor(adapter: string, keyPrefix: unknown): string {
  if (typeof keyPrefix !== 'string' || keyPrefix.length === 0) {
    throw new TypeError(`${adapter}: option "keyPrefix" is required (e.g. the subgraph name) so several services can share one store safely`);
  }
  if (!KEY_PREFIX_PATTERN.test(keyPrefix)) {
    throw new TypeError(`${adapter}: option "keyPrefix" must match ${String(KEY_PREFIX_PATTERN)}, got ${JSON.stringify(keyPrefix)}`);
  }
  return `${keyPrefix}:`;
}

/** Converts a TTL in seconds to whole milliseconds, rejecting values that are not > 0. */
export function ttlToMs(ttlSeconds: number): number {
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError(`ttlSeconds must be a positive finite number, got ${String(ttlSeconds)}`);
  }
  return Math.max(1, Math.ceil(ttlSeconds * 1000));
}
