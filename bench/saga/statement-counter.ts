/** Counts the SQL statements each subgraph runs while switched on (the saga's cost in round trips). */
export class StatementCounter {
  private readonly counts = new Map<string, number>();
  private on = false;

  readonly observe = (subgraph: string): void => {
    if (this.on) this.counts.set(subgraph, (this.counts.get(subgraph) ?? 0) + 1);
  };

  start(): void {
    this.counts.clear();
    this.on = true;
  }

  stop(): void {
    this.on = false;
  }

  /** Statements per order, in all and by subgraph (busiest first). */
  perOrder(orders: number): { total: number; bySubgraph: Array<[string, number]> } {
    const bySubgraph = [...this.counts].map(([subgraph, count]): [string, number] => [subgraph, count / orders]).sort((a, b) => b[1] - a[1]);
    return { total: bySubgraph.reduce((sum, [, count]) => sum + count, 0), bySubgraph };
  }
}
