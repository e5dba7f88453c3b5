// Bundles the CLI and the extension with esbuild into dist/, and copies beside them the
// WebAssembly and data files that the parser and PGlite load at run time (they resolve them
// relative to the bundle's own file).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const watch = process.argv.includes('--watch');

const RUNTIME_FILES = [
  'node_modules/libpg-query/wasm/libpg-query.wasm',
  'node_modules/@electric-sql/pglite/dist/pglite.wasm',
  'node_modules/@electric-sql/pglite/dist/pglite.data',
  'node_modules/@electric-sql/pglite/dist/initdb.wasm',
  'node_modules/@electric-sql/pglite-pgvector/dist/vector.tar.gz',
];

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // pg optionally requires pg-native; we never use it.
  external: ['pg-native'],
  // ESM builds of PGlite locate their files with import.meta.url; in our CommonJS bundle that is
  // the bundle's own file, where the runtime files are copied.
  define: { 'import.meta.url': '__pgvmBundleUrl' },
  banner: { js: 'const __pgvmBundleUrl = require("url").pathToFileURL(__filename).href;' },
};

const entries = [
  { entryPoints: [path.join(root, 'src/cli.ts')], outfile: path.join(dist, 'cli.js') },
];
if (fs.existsSync(path.join(root, 'src/extension/extension.ts'))) {
  entries.push({ entryPoints: [path.join(root, 'src/extension/extension.ts')], outfile: path.join(dist, 'extension.js'), external: ['vscode', 'pg-native'] });
}

// PGlite's other extension archives, loaded when a migration creates the extension.
const PGLITE_ARCHIVES = [...new Set(Object.values(JSON.parse(fs.readFileSync(path.join(root, 'src/core/db/pglite-archives.json'), 'utf8'))))]
  .map((name) => `node_modules/@electric-sql/pglite/dist/${name}.tar.gz`);

fs.mkdirSync(dist, { recursive: true });
for (const file of [...RUNTIME_FILES, ...PGLITE_ARCHIVES]) fs.copyFileSync(path.join(root, file), path.join(dist, path.basename(file)));
const schema = path.join(root, 'src/core/config/schema.json');
if (fs.existsSync(schema)) fs.copyFileSync(schema, path.join(dist, 'pgvector-migrator.schema.json'));

if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
  console.error('esbuild: watching src/ for changes');
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  fs.chmodSync(path.join(dist, 'cli.js'), 0o755);
}
