import DataLoader from 'dataloader';
import { perRequest } from './per-request';

/**
 * The request's loader of one row per key: every key asked for while the request runs goes to one
 * `fetch` call (an `_entities` list of 20 costs one query). A key with no row loads null; when
 * several rows share a key, the first one `fetch` returned wins.
 */
export function rowByKey<R>(
  context: object,
  name: string,
  fetch: (keys: readonly string[]) => Promise<readonly R[]>,
  keyOf: (row: R) => string,
): DataLoader<string, R | null> {
  return perRequest(
    context,
    name,
    () =>
      new DataLoader<string, R | null>(async (keys) => {
        const byKey = new Map<string, R>();
        for (const row of await fetch(keys)) if (!byKey.has(keyOf(row))) byKey.set(keyOf(row), row);
        return keys.map((key) => byKey.get(key) ?? null);
      }),
  );
}

/** The request's loader of every row of a key, in `fetch`'s order (one `fetch` call for all keys; none loads []). */
export function rowsByKey<R>(
  context: object,
  name: string,
  fetch: (keys: readonly string[]) => Promise<readonly R[]>,
  keyOf: (row: R) => string,
): DataLoader<string, R[]> {
  return perRequest(
    context,
    name,
    () =>
      new DataLoader<string, R[]>(async (keys) => {
        const byKey = new Map<string, R[]>();
        for (const row of await fetch(keys)) {
          const key = keyOf(row);
          const group = byKey.get(key);
          if (group) group.push(row);
          else byKey.set(key, [row]);
        }
        return keys.map((key) => byKey.get(key) ?? []);
      }),
  );
}

/** The request's loader of a count per key, from one `fetch` call answering a map (a missing key counts 0). */
export function countByKey(
  context: object,
  name: string,
  fetch: (keys: readonly string[]) => Promise<ReadonlyMap<string, number>>,
): DataLoader<string, number> {
  return perRequest(
    context,
    name,
    () =>
      new DataLoader<string, number>(async (keys) => {
        const counts = await fetch(keys);
        return keys.map((key) => counts.get(key) ?? 0);
      }),
  );
}
