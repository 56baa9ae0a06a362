import type { CpuPerOrder } from './cpu-meter';
import type { PhaseResult } from './measure';

/** What one shop of the run measured, as the aims table reads it. */
export interface SagaRun {
  transport: string;
  atLowRate: PhaseResult;
  atRate: PhaseResult;
  saturated: PhaseResult;
  cpuPerOrder: CpuPerOrder | undefined;
  alone: { result: PhaseResult; cpuPerOrder: CpuPerOrder | undefined; statements: number | undefined; deliveries: number | undefined };
}

const fixed = (value: number | undefined, digits = 1) => (value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits));

/**
 * Issue 16's figures, every shop of the run side by side with its aim, as a Markdown table:
 * `saga alone` rows count orders placed from carts filled before the window, `end to end` rows
 * include the shoppers building their next cart. A `-` is a figure the shop cannot report
 * (statements and deliveries are counted inside the one-process shops only; deliveries only over Kafka).
 */
export function aimsTable(runs: readonly SagaRun[], rates: { lowRate: number; rate: number }): string {
  const rows: Array<[string, string, (run: SagaRun) => string]> = [
    ['whole-machine CPU per confirmed order, saga alone (ms)', '<= 30', (r) => fixed(r.alone.cpuPerOrder?.machineMs)],
    ['whole-machine CPU per confirmed order, end to end at saturation (ms)', '-', (r) => fixed(r.cpuPerOrder?.machineMs)],
    ['SQL statements per order, saga alone', '<= 60', (r) => fixed(r.alone.statements)],
    ['Kafka deliveries per order (produced + consumed), saga alone', '<= 15', (r) => fixed(r.alone.deliveries)],
    ['confirmed orders/s, saga alone', '>= 50', (r) => fixed(r.alone.result.confirmedPerSecond)],
    ['confirmed orders/s at saturation, end to end', '>= 50', (r) => fixed(r.saturated.confirmedPerSecond)],
    [`p99 placeOrder -> CONFIRMED at ${rates.lowRate} orders/s (ms)`, rates.lowRate === 4 ? '< 250' : '-', (r) => fixed(r.atLowRate.p99, 0)],
    [`p99 placeOrder -> CONFIRMED at ${rates.rate} orders/s (ms)`, rates.rate === 25 ? '< 500' : '-', (r) => fixed(r.atRate.p99, 0)],
  ];
  const header = `| figure | aim | ${runs.map((r) => r.transport).join(' | ')} |`;
  const rule = `|---|---|${runs.map(() => '---:').join('|')}|`;
  return [header, rule, ...rows.map(([figure, aim, value]) => `| ${figure} | ${aim} | ${runs.map(value).join(' | ')} |`)].join('\n');
}
