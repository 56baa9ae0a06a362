/**
 * `npm run bench:router`: the storefront query through our router, through Hive Gateway and on
 * the in-process floor, each server in its own process, the gateways over the same subgraph
 * process. See bench/README.md for what is measured and the latest figures.
 *
 * Settings (environment, bench/router/env.ts): BENCH_SUBGRAPH_DB (postgres: needs `npm run
 * servers:up`; pglite), BENCH_CONNECTIONS (20), BENCH_DURATION seconds (10), BENCH_WARMUP seconds
 * (3), BENCH_ROUNDS (3, the best is reported), BENCH_CPU_PROF=1 (V8 CPU profiles of the servers and
 * the subgraphs into bench/router/profiles), BENCH_WORKLOAD (unset: the jackets page plain and with
 * variants in the same run, side by side; plain or variants: one of them; newest: the issue's
 * first page alone; interim: a one-subgraph query, for working on the harness itself).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { apiSchemaPath } from './inputs';
import { machineShare, sampleMachine, waitForQuiet } from './machine';
import { startChild, type Child } from './processes';
import { interimWorkload, type Workload } from './workload';
import { categoryPageWorkload, storefrontVariantsWorkload, storefrontWorkload } from './storefront';
import { printComparison, printHeader, printWorkload, type Measured, type WorkloadRounds } from './report';
import { benchEnv } from './env';
import { createSubgraphDatabases } from './subgraph-databases';

const connections = benchEnv.BENCH_CONNECTIONS;
const durationSeconds = benchEnv.BENCH_DURATION;
const warmupSeconds = benchEnv.BENCH_WARMUP;
const roundCount = benchEnv.BENCH_ROUNDS;
const cpuProfileDir = benchEnv.BENCH_CPU_PROF === '1' ? new URL('./profiles', import.meta.url).pathname : undefined;

/**
 * By default the jackets category page plain and with variants in the same run (issue 13);
 * BENCH_WORKLOAD=newest (the issue's first page, the figures before 2026-12-03), plain, variants
 * or interim runs one query.
 */
function chooseWorkloads(): Workload[] {
  if (benchEnv.BENCH_WORKLOAD === 'interim') return [interimWorkload];
  if (!/^\s*products\s*\(/m.test(readFileSync(apiSchemaPath, 'utf8'))) {
    throw new Error('The API schema has no Query.products yet (products subgraph not composed); BENCH_WORKLOAD=interim runs the harness on taxRates');
  }
  if (benchEnv.BENCH_WORKLOAD === 'newest') return [storefrontWorkload];
  if (benchEnv.BENCH_WORKLOAD === 'plain') return [categoryPageWorkload];
  if (benchEnv.BENCH_WORKLOAD === 'variants') return [storefrontVariantsWorkload];
  if (benchEnv.BENCH_WORKLOAD) throw new Error(`BENCH_WORKLOAD=${benchEnv.BENCH_WORKLOAD}: expected newest, plain, variants or interim`);
  return [categoryPageWorkload, storefrontVariantsWorkload];
}

interface SubgraphsInfo {
  routerUrl: string;
  admin: { email: string; password: string };
  subgraphUrls: Record<string, string>;
}

interface Target {
  name: string;
  child: Child<{ url: string }>;
  /** Processes doing this target's work besides the server itself (the subgraphs). */
  upstream?: Child<unknown>;
}

async function post(url: string, query: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: response.status, text: await response.text() };
}

/** The same JSON from every target, no errors, or the run fails. Retries while events settle. */
async function verify(targets: Target[], workload: Workload): Promise<Map<string, string>> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const bodies = new Map<string, string>();
    for (const target of targets) bodies.set(target.name, (await post(target.child.info.url, workload.query)).text);
    const parsed = [...bodies.entries()].map(([name, text]) => [name, JSON.parse(text) as { data?: unknown; errors?: unknown }] as const);
    const [reference] = parsed;
    const problems = parsed.flatMap(([name, body]) =>
      body.errors || !body.data
        ? [`${name} answered with errors: ${JSON.stringify(body.errors)}`]
        : isDeepStrictEqual(body, reference![1])
          ? []
          : [`${name} differs from ${reference![0]}`],
    );
    const complaint = problems.length ? problems.join('\n') : workload.check?.(reference![1].data);
    if (!complaint) {
      const identicalBytes = new Set(bodies.values()).size === 1;
      console.log(
        `verified: identical JSON from ${targets.map((t) => t.name).join(', ')}${identicalBytes ? ' (byte for byte)' : ' (same value; serialization differs)'}`,
      );
      return bodies;
    }
    if (Date.now() > deadline) {
      for (const [name, text] of bodies) console.error(`--- ${name}\n${text}`);
      throw new Error(`verification failed:\n${complaint}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function load(url: string, query: string, seconds: number, expectBody: string) {
  return autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections,
    duration: seconds,
    // Every answer must be the verified one, or it counts as a failure.
    expectBody,
  });
}

async function measure(target: Target, query: string, expectBody: string, warmup: number, pids: number[]): Promise<Measured> {
  const idle = await target.child.stats();
  process.stdout.write(`${target.name}: warm-up ${warmup} s, `);
  await load(target.child.info.url, query, warmup, expectBody);
  const foreign = await waitForQuiet(pids);
  if (foreign !== undefined && foreign > 0.1) process.stdout.write(`(machine still ${(foreign * 100).toFixed(0)}% busy with other work) `);
  const [before, upstreamBefore] = await Promise.all([target.child.stats(), target.upstream?.stats()]);
  const machineBefore = sampleMachine(pids);
  process.stdout.write(`measuring ${durationSeconds} s ... `);
  const result = await load(target.child.info.url, query, durationSeconds, expectBody);
  const machineAfter = sampleMachine(pids);
  const [after, upstreamAfter] = await Promise.all([target.child.stats(), target.upstream?.stats()]);
  const total = result.requests.total;
  const failures = result.errors + result.timeouts + result.non2xx + result.mismatches;
  const share = machineShare(machineBefore, machineAfter);
  console.log(
    `${Math.round(result.requests.average)} req/s${share ? `, machine ${(share.busy * 100).toFixed(0)}% busy, ${(share.foreign * 100).toFixed(0)}% by other processes` : ''}`,
  );
  return {
    name: target.name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total,
    failures,
    serverCpuPerRequest: (after.cpuMicros - before.cpuMicros) / 1000 / total,
    upstreamCpuPerRequest: upstreamBefore && upstreamAfter ? (upstreamAfter.cpuMicros - upstreamBefore.cpuMicros) / 1000 / total : undefined,
    subgraphFetches: upstreamBefore?.counters && upstreamAfter?.counters ? perRequest(upstreamBefore.counters, upstreamAfter.counters, total) : undefined,
    foreignCpu: share?.foreign,
    idle,
    after,
  };
}

/** Subgraph HTTP requests per gateway request, e.g. "products 1, inventory 1". */
function perRequest(before: Record<string, number>, after: Record<string, number>, total: number): string {
  return Object.entries(after)
    .map(([name, count]) => [name, (count - (before[name] ?? 0)) / total] as const)
    .filter(([, n]) => n > 0.005)
    .map(([name, n]) => `${name} ${Number(n.toFixed(2))}`)
    .join(', ');
}

async function main() {
  const workloads = chooseWorkloads();
  const dataDir = mkdtempSync(join(tmpdir(), 'shop-bench-'));
  const floorDataDir = `${dataDir}-floor`;
  const children: Array<Child<unknown>> = [];
  const started = performance.now();
  // Postgres mode: the subgraphs (and the floor) on the test PostgreSQL server instead of PGlite.
  const databases = benchEnv.BENCH_SUBGRAPH_DB === 'postgres' ? await createSubgraphDatabases() : undefined;
  const dataEnv: Record<string, string> = databases ? { BENCH_DATABASE_URLS: JSON.stringify(databases.urls) } : {};
  try {
    // 1. Seed through the embedded router, then copy the data for the floor's own process.
    let subgraphs = await startChild<SubgraphsInfo>('subgraphs', './subgraphs-child.ts', { env: { BENCH_DATA_DIR: dataDir, ...dataEnv } });
    children.push(subgraphs);
    console.log(`seeding for: ${workloads.map((w) => w.name).join(', ')}`);
    await workloads[0]!.seed(subgraphs.info.routerUrl, subgraphs.info.admin);
    await subgraphs.stop();
    cpSync(dataDir, floorDataDir, { recursive: true });

    // 2. The subgraphs again, then each server in its own process.
    subgraphs = await startChild<SubgraphsInfo>('subgraphs', './subgraphs-child.ts', { env: { BENCH_DATA_DIR: dataDir, ...dataEnv }, cpuProfileDir });
    children.push(subgraphs);
    const gatewayEnv = { BENCH_DATA_DIR: dataDir, ...dataEnv, BENCH_SUBGRAPH_URLS: JSON.stringify(subgraphs.info.subgraphUrls) };
    const ours = await startChild<{ url: string }>('ours', './ours-child.ts', { env: gatewayEnv, cpuProfileDir });
    children.push(ours);
    const hive = await startChild<{ url: string }>('hive', './hive-child.ts', { env: gatewayEnv, cpuProfileDir });
    children.push(hive);
    const hiveDedup = await startChild<{ url: string }>('hive-dedup', './hive-child.ts', { env: { ...gatewayEnv, BENCH_HIVE_DEDUP: '1' } });
    children.push(hiveDedup);
    const oursDedup = await startChild<{ url: string }>('ours-dedup', './ours-child.ts', { env: { ...gatewayEnv, BENCH_OURS_DEDUP: '1' } });
    children.push(oursDedup);
    const floor = await startChild<{ url: string }>('floor', './floor-child.ts', { env: { BENCH_DATA_DIR: floorDataDir, ...dataEnv }, cpuProfileDir });
    children.push(floor);
    const targets: Target[] = [
      { name: 'ours', child: ours, upstream: subgraphs },
      { name: 'hive', child: hive, upstream: subgraphs },
      { name: 'hive-dedup', child: hiveDedup, upstream: subgraphs },
      { name: 'ours-dedup', child: oursDedup, upstream: subgraphs },
      { name: 'floor', child: floor },
    ];

    // 3. Identical answers first (per query, from every target that runs it), then one target at a time.
    const runs = [] as Array<WorkloadRounds & { targets: Target[]; bodies: Map<string, string> }>;
    for (const workload of workloads) {
      const own = targets.filter((t) => !workload.skip?.targets.includes(t.name));
      console.log(`query ${workload.name}:`);
      runs.push({ workload, rounds: [], targets: own, bodies: await verify(own, workload) });
    }
    const pids = [process.pid, ...children.map((c) => c.pid)];
    for (let round = 0; round < roundCount; round++) {
      console.log(`round ${round + 1} of ${roundCount}`);
      // Every other round in reverse, so no target always goes first (onto colder subgraphs).
      for (const run of round % 2 === 0 ? runs : [...runs].reverse()) {
        const results: Measured[] = [];
        for (const target of round % 2 === 0 ? run.targets : [...run.targets].reverse()) {
          process.stdout.write(`[${run.workload.name}] `);
          results.push(await measure(target, run.workload.query, run.bodies.get(target.name)!, round === 0 ? warmupSeconds : 1, pids));
        }
        run.rounds.push(results);
      }
    }
    printHeader(roundCount, connections, durationSeconds, warmupSeconds);
    const valid = runs.map((run) => printWorkload(run)).every(Boolean);
    if (runs.length === 2) printComparison(runs[0]!, runs[1]!);
    if (!valid) {
      console.error('some requests failed or returned a different body: the figures are not valid');
      process.exitCode = 1;
    }
    console.log(`total time ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    // Servers first, newest first, the subgraphs last: no gateway loses its subgraphs mid-request.
    for (const child of [...children].reverse()) await child.stop();
    if (cpuProfileDir) console.log(`CPU profiles: ${cpuProfileDir}/<target> (summarize: npx tsx bench/router/profile-summary.ts bench/router/profiles/ours)`);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(floorDataDir, { recursive: true, force: true });
    await databases?.drop();
  }
}

await main();
