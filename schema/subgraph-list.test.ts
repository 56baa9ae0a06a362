import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allModules, embeddedSubgraphs, type EmbeddedSettings } from '../scripts/subgraph-modules';
import { subgraphs } from './subgraphs';

/**
 * `schema/subgraphs.ts` is the one list of subgraphs. The places that must repeat it (npm
 * workspaces, the embedded start list, the subgraphs/ folders; docker-compose is checked in
 * docker-compose.test.ts) are checked against it, so adding a subgraph to one and not the others
 * fails here; scripts/subgraph-modules.ts is keyed by its `SubgraphName`, so it fails to compile.
 */
const names = subgraphs.map((entry) => entry.name);

describe('the subgraph list', () => {
  it('names every folder under subgraphs/ once, each on its own port', () => {
    const folders = readdirSync('subgraphs').filter((name) => existsSync(`subgraphs/${name}/package.json`));
    expect([...names].sort()).toEqual(folders.sort());
    expect(new Set(subgraphs.map((entry) => entry.port)).size).toBe(subgraphs.length);
  });

  it('is what the npm workspaces hold: every folder by `subgraphs/*`, each pinned in package-lock.json', () => {
    const workspaces = (JSON.parse(readFileSync('package.json', 'utf8')) as { workspaces: string[] }).workspaces;
    expect(workspaces.filter((path) => path.startsWith('subgraphs/'))).toEqual(['subgraphs/*']);
    const locked = Object.keys((JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, unknown> }).packages);
    const lockedSubgraphs = locked.filter((path) => /^subgraphs\/[^/]+$/.test(path)).map((path) => path.slice('subgraphs/'.length));
    expect(lockedSubgraphs.sort()).toEqual([...names].sort());
  });

  it('is what the embedded process starts, in its order, each module under its own name', () => {
    const settings = { keys: { accessTokenSigningKeys: [], admin: undefined }, issuer: 'i', audience: 'a' } as unknown as EmbeddedSettings;
    expect(embeddedSubgraphs(settings).map(({ name, port, module }) => ({ name, port, module: module.name }))).toEqual(
      subgraphs.map(({ name, port }) => ({ name, port, module: name })),
    );
    // Keys and names are checked by the compiler (SubgraphName); a module's own name is a string.
    expect(Object.entries(allModules).filter(([name, module]) => module.name !== name)).toEqual([]);
  });
});
