/** The printed report of bench/router/run.ts: one table per workload, then the ratios between them. */
import { cpus, totalmem } from 'node:os';
import type { ProcessStats } from './child';
import { benchEnv } from './env';
import type { Workload } from './workload';

export interface Measured {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  failures: number;
  serverCpuPerRequest: number;
  upstreamCpuPerRequest?: number;
  subgraphFetches?: string;
  /** Share of the machine other processes used meanwhile (noise), 0..1. */
  foreignCpu?: number;
  idle: ProcessStats;
  after: ProcessStats;
}

/** One workload's rounds: rounds[i] holds every target measured in round i. */
export interface WorkloadRounds {
  workload: Workload;
  rounds: Measured[][];
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const x = (n: number) => `${n.toFixed(2)}x`;

/** Per target, the round with the most requests/s (the least disturbed one). */
function bestRounds(rounds: Measured[][]): Measured[] {
  const names = rounds[0]!.map((r) => r.name);
  return names.map((name) => rounds.map((round) => round.find((r) => r.name === name)!).sort((a, b) => b.requestsPerSecond - a.requestsPerSecond)[0]!);
}

export function printHeader(roundCount: number, connections: number, durationSeconds: number, warmupSeconds: number) {
  console.log('');
  console.log(
    `load: autocannon, ${connections} connections, POST, no pipelining; ${roundCount} round(s) of ${durationSeconds} s per target and query after a ${warmupSeconds} s warm-up (1 s in later rounds), every other round in reverse order; best round shown`,
  );
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${mib(totalmem())} MiB, Node ${process.version}, ${process.platform}`);
  console.log(
    `subgraph databases: ${benchEnv.BENCH_SUBGRAPH_DB === 'postgres' ? 'a PostgreSQL database each (test server)' : 'one PGlite, as npm start runs them'}`,
  );
}

/** One workload's table, subgraph requests per request and ratios. Returns false when a request failed. */
export function printWorkload({ workload, rounds }: WorkloadRounds): boolean {
  const results = bestRounds(rounds);
  const allRounds = (name: string) => rounds.map((round) => round.find((r) => r.name === name)!.requestsPerSecond.toFixed(0)).join(' / ');
  const failures = (name: string) => rounds.reduce((sum, round) => sum + round.find((x) => x.name === name)!.failures, 0);
  const rows = results.map((r) => [
    r.name,
    r.requestsPerSecond.toFixed(0),
    allRounds(r.name),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    String(failures(r.name)),
    r.serverCpuPerRequest.toFixed(2),
    r.upstreamCpuPerRequest === undefined ? '-' : r.upstreamCpuPerRequest.toFixed(2),
    (r.serverCpuPerRequest + (r.upstreamCpuPerRequest ?? 0)).toFixed(2),
    `${mib(r.idle.rss)} -> ${mib(r.after.rss)} (peak ${mib(r.after.maxRss)})`,
    r.foreignCpu === undefined ? '?' : `${(r.foreignCpu * 100).toFixed(0)}%`,
  ]);
  const header = [
    'target',
    'req/s',
    'each round',
    'p50 ms',
    'p99 ms',
    'failed',
    'server CPU ms/req',
    'subgraphs CPU ms/req',
    'total CPU ms/req',
    'server RSS MiB idle -> after (peak)',
    'other procs CPU',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log('');
  console.log(`### ${workload.name}: ${workload.query}`);
  if (workload.skip) console.log(`not measured: ${workload.skip.targets.join(', ')} (${workload.skip.reason})`);
  console.log('');
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('');
  for (const r of results) if (r.subgraphFetches !== undefined) console.log(`subgraph requests per ${r.name} request: ${r.subgraphFetches || 'none'}`);
  const by = (name: string) => results.find((r) => r.name === name);
  const ratio = (a: string, b: string) => {
    const [ra, rb] = [by(a), by(b)];
    return ra && rb ? x(ra.requestsPerSecond / rb.requestsPerSecond) : '-';
  };
  console.log('');
  console.log(`ours / hive req/s:       ${ratio('ours', 'hive')} (goal >= 1.30x; same work: one request per subgraph fetch)`);
  console.log(`ours / hive-dedup req/s: ${ratio('ours', 'hive-dedup')} (Hive as shipped: identical in-flight subgraph queries shared)`);
  console.log(`ours-dedup / hive-dedup: ${ratio('ours-dedup', 'hive-dedup')} (both as shipped: identical in-flight queries shared)`);
  console.log(`ours / floor req/s:      ${ratio('ours', 'floor')}`);
  const [ours, hive] = [by('ours'), by('hive')];
  if (ours && hive) {
    console.log(
      `gateway CPU per request, ours / hive: ${x(ours.serverCpuPerRequest / hive.serverCpuPerRequest)} (projection where the gateway, not the subgraphs, is the bottleneck: ours ~${x(hive.serverCpuPerRequest / ours.serverCpuPerRequest)} hive req/s)`,
    );
  }
  return !rounds.some((round) => round.some((r) => r.failures > 0));
}

/**
 * Issue 13: each target's req/s with variants against its req/s without, side by side, and our
 * router's ratio against Hive's same-run ratio (aim: ours' ratio at least 0.85 of Hive's).
 */
export function printComparison(plain: WorkloadRounds, variants: WorkloadRounds) {
  const [before, after] = [bestRounds(plain.rounds), bestRounds(variants.rounds)];
  const rows = before.map((p) => {
    const v = after.find((r) => r.name === p.name);
    return { name: p.name, plain: p, variants: v, ratio: v ? v.requestsPerSecond / p.requestsPerSecond : undefined };
  });
  const ratioOf = (name: string) => rows.find((r) => r.name === name)?.ratio;
  console.log('');
  console.log(`### ${variants.workload.name} / ${plain.workload.name} (best rounds, same run)`);
  console.log('');
  console.log(
    '| target     | plain req/s | variants req/s | variants / plain | gateway CPU ms/req plain -> variants | subgraphs CPU ms/req plain -> variants |',
  );
  console.log(
    '|------------|------------:|---------------:|-----------------:|-------------------------------------:|---------------------------------------:|',
  );
  for (const r of rows) {
    const cpu = (m: Measured | undefined, f: (m: Measured) => number | undefined) => (m && f(m) !== undefined ? f(m)!.toFixed(2) : '-');
    const cells = [
      r.name.padEnd(10),
      r.plain.requestsPerSecond.toFixed(0).padStart(11),
      (r.variants ? r.variants.requestsPerSecond.toFixed(0) : 'not run').padStart(14),
      (r.ratio === undefined ? '-' : x(r.ratio)).padStart(16),
      `${cpu(r.plain, (m) => m.serverCpuPerRequest)} -> ${cpu(r.variants, (m) => m.serverCpuPerRequest)}`.padStart(36),
      `${cpu(r.plain, (m) => m.upstreamCpuPerRequest)} -> ${cpu(r.variants, (m) => m.upstreamCpuPerRequest)}`.padStart(38),
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
  console.log('');
  for (const [ours, hive, what] of [
    ['ours', 'hive', 'same work'],
    ['ours-dedup', 'hive-dedup', 'both as shipped'],
  ] as const) {
    const [o, h] = [ratioOf(ours), ratioOf(hive)];
    if (o === undefined || h === undefined) continue;
    const relative = o / h;
    console.log(
      `${ours} variants/plain ${x(o)} vs ${hive} ${x(h)}: ${x(relative)} of Hive's ratio (${what}; aim >= 0.85x): ${relative >= 0.85 ? 'holds' : 'MISSED'}`,
    );
  }
}
