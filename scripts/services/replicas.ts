/** The subgraphs the checkout saga runs through: the ones worth a second replica. */
export const sagaSubgraphs = ['orders', 'inventory', 'payments', 'promotions', 'tax', 'shipping', 'notifications'] as const;

/** `SERVICES_REPLICAS`: `2` (every saga subgraph) or `orders=2,inventory=3` (validated by the env schema). */
export function parseReplicas(value: string | undefined): Partial<Record<string, number>> {
  if (value === undefined) return {};
  if (/^\d+$/.test(value)) return Object.fromEntries(sagaSubgraphs.map((name) => [name, Number(value)]));
  return Object.fromEntries(
    value
      .split(',')
      .map((pair) => pair.split('='))
      .map(([name, count]) => [name!, Number(count)]),
  );
}
