import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(__dirname, '../../../..');
const ENTRY = 'src/extension/extension.ts';

/**
 * The modules that evaluate when VS Code loads dist/extension.js: everything the entry reaches by
 * static imports. Whatever only a dynamic import() reaches stays lazy inside the bundle.
 */
async function bundleGraph(): Promise<{ eager: string[]; all: string[] }> {
  // As scripts/build.mjs bundles the extension, without writing anything.
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'pg-native'],
    define: { 'import.meta.url': '__pgvmBundleUrl' },
    write: false,
    outfile: 'extension.js',
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = result.metafile.inputs;
  const eager = new Set([ENTRY]);
  const queue = [ENTRY];
  while (queue.length > 0) {
    for (const i of inputs[queue.pop()!]?.imports ?? []) {
      if (i.kind === 'dynamic-import' || i.external || eager.has(i.path)) continue;
      eager.add(i.path);
      queue.push(i.path);
    }
  }
  return { eager: [...eager], all: Object.keys(inputs) };
}

const HEAVY: [what: string, module: RegExp][] = [
  ['node-postgres', /node_modules\/pg\//],
  ['PGlite', /node_modules\/@electric-sql\/pglite/],
  ['the WebAssembly SQL parser', /node_modules\/libpg-query\//],
  ['sql-formatter', /node_modules\/sql-formatter\//],
  ['the schema checks\' core', /^src\/core\/schema\/index\.ts$/],
  ['the validation core', /^src\/core\/validate\/index\.ts$/],
];

describe('what loading the extension\'s bundle evaluates', function () {
  this.timeout(60000);
  let graph: { eager: string[]; all: string[] };
  before(async () => {
    graph = await bundleGraph();
  });

  for (const [what, module] of HEAVY) {
    it(`bundles ${what} but reaches it only through a dynamic import`, () => {
      assert.ok(graph.all.some((f) => module.test(f)), `${what} is in the bundle`);
      assert.deepEqual(graph.eager.filter((f) => module.test(f)), []);
    });
  }

  it('evaluates no package from node_modules at all', () => {
    assert.deepEqual(graph.eager.filter((f) => f.includes('node_modules/')), []);
  });
});
