/**
 * Top costs of a V8 CPU profile (`BENCH_CPU_PROF=1 npm run bench:router` writes one per server):
 * self time by function and by package, as shares of the busy (non-idle) time, GC included.
 * Startup is in it too, but a benchmark run keeps a server busy far longer than it takes to start.
 *
 *   npx tsx bench/router/profile-summary.ts bench/router/profiles/ours [top=25]
 *
 * Given a directory, it reads the main thread's profile (the largest; tsx's loader thread writes
 * a small one beside it).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [path, topArgument] = process.argv.slice(2);
if (!path) throw new Error('usage: profile-summary.ts <file.cpuprofile | directory> [top]');
const file = statSync(path).isDirectory()
  ? readdirSync(path)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => join(path, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0]!
  : path;
const top = Number(topArgument ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));

const selfMicros = new Map<number, number>();
profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
for (const id of idleIds) selfMicros.delete(id);
const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);

/** node_modules/<package> (scoped too), a workspace folder, or node's own internals. */
function owner(url: string): string {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node core';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1]!;
  const workspace = /\/(router|packages\/[^/]+|subgraphs\/[^/]+|bench|scripts)\//.exec(url);
  return workspace ? workspace[1]! : url;
}

const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
  const short = url.replace(/^file:\/\/.*?node_modules\//, '').replace(/^file:\/\/\/work\/main\//, '');
  const key = `${functionName || '(anonymous)'}  ${short ? `${short}:${lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  byPackage.set(owner(url), (byPackage.get(owner(url)) ?? 0) + micros);
}

const print = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, micros] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((micros / total) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${key}`);
  }
};
console.log(`${file}: ${(total / 1000).toFixed(0)} ms busy`);
print('self time by package', byPackage);
print('self time by function', byFunction);
