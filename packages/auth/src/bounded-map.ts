/** Drops a Map's oldest entries (Map iterates in insertion order) until it holds at most `max`. */
export function dropOldest(map: Map<unknown, unknown>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}
