import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { build, type Plugin } from 'esbuild';

/**
 * `npm run build`: one ESM bundle per deployable in dist/<name>/main.js, runnable with plain
 * `node` (no TypeScript loader in production). Workspace packages (@shop/*) are bundled because
 * they ship TypeScript sources; every other package stays external and comes from node_modules.
 * Files a module reads next to itself (its SDL, its migrations) are copied beside the bundle.
 * A subgraph bundle also applies its own migrations: `node dist/<name>/main.js migrate`.
 */
const externalDependencies: Plugin = {
  name: 'external-dependencies',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@shop/') ? undefined : { path: args.path, external: true }));
  },
};

const subgraphNames = readdirSync('subgraphs').filter((name) => existsSync(`subgraphs/${name}/src/main.ts`));
const deployables = [
  { name: 'router', entry: 'router/src/main.ts', assets: [] as Array<[string, string]> },
  ...subgraphNames.map((name) => ({
    name,
    entry: `subgraphs/${name}/src/main.ts`,
    assets: [
      [`subgraphs/${name}/src/schema.graphql`, `dist/${name}/schema.graphql`],
      [`subgraphs/${name}/src/db/migrations`, `dist/${name}/db/migrations`],
    ] as Array<[string, string]>,
  })),
];

rmSync('dist', { recursive: true, force: true });
for (const deployable of deployables) {
  await build({
    entryPoints: [deployable.entry],
    outfile: `dist/${deployable.name}/main.js`,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: true,
    plugins: [externalDependencies],
    logLevel: 'warning',
  });
  for (const [from, to] of deployable.assets) if (existsSync(from)) cpSync(from, to, { recursive: true });
  console.log(`built dist/${deployable.name}/main.js`);
}
