// Benchmark (not a test): what it costs to hold the embedded database for one action only. Each
// line is measured in fresh processes on one existing data directory, side by side with PGlite
// opened directly (the baseline: no lock file, no change marker):
//   first open in a process (WebAssembly compiled, PostgreSQL started for the first time), a warm
//   reopen in the same process (what the editor pays per action once it has opened the database
//   once), and, for the record, the first open after compiling the WebAssembly alone (a PGlite
//   started with noInitDb): the warm-up that looks cheap but gains nothing, which is why the editor
//   warms up by reading the history in the background instead.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.PGVM_BENCH_ROUNDS ?? 5);
const REOPENS = 5;
const embeddedJs = path.join(root, 'out', 'src', 'core', 'db', 'embedded.js');
if (!fs.existsSync(embeddedJs)) execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: root, stdio: 'inherit' });

// One process: opens (and closes) the database REOPENS + 1 times and prints the times as JSON.
const child = `
const { performance } = require('node:perf_hooks');
const [mode, dir, reopens] = process.argv.slice(1);
(async () => {
  const e = require(${JSON.stringify(embeddedJs)});
  const { PGlite } = await import('@electric-sql/pglite');
  const { vector } = await import('@electric-sql/pglite-pgvector');
  const out = { opens: [] };
  if (mode === 'prewarmed') { const t = performance.now(); const idle = await PGlite.create({ noInitDb: true }); await idle.close().catch(() => {}); out.prewarmMs = performance.now() - t; }
  for (let i = 0; i <= Number(reopens); i++) {
    const t = performance.now();
    if (mode === 'pglite') { const pg = await PGlite.create(dir, { extensions: { vector } }); await pg.query('SELECT 1'); await pg.close(); }
    else { const db = await e.openEmbedded(dir, 'bench'); await db.query('SELECT 1'); await db.close(); }
    out.opens.push(performance.now() - t);
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

function runChild(mode, dir) {
  return JSON.parse(execFileSync(process.execPath, ['-e', child, mode, dir, String(mode === 'prewarmed' ? 0 : REOPENS)], { cwd: root, encoding: 'utf8' }));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`.padStart(8);

const project = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-bench-embedded-'));
try {
  runChild('ours', project); // initdb once: every measured open finds an existing data directory
  const dataDir = path.join(project, '.pgvector-migrator', 'db');
  const rows = { pgliteFirst: [], pgliteWarm: [], oursFirst: [], oursWarm: [], prewarm: [], afterPrewarm: [] };
  for (let r = 0; r < ROUNDS; r++) {
    const raw = runChild('pglite', dataDir);
    rows.pgliteFirst.push(raw.opens[0]);
    rows.pgliteWarm.push(median(raw.opens.slice(1)));
    const ours = runChild('ours', project);
    rows.oursFirst.push(ours.opens[0]);
    rows.oursWarm.push(median(ours.opens.slice(1)));
    const pre = runChild('prewarmed', project);
    rows.prewarm.push(pre.prewarmMs);
    rows.afterPrewarm.push(pre.opens[0]);
  }
  const m = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, median(v)]));
  console.log(`open + SELECT 1 + close of an existing embedded database, median of ${ROUNDS} rounds (fresh processes):`);
  console.log(`                                      PGlite directly   pgvector-migrator   ratio`);
  console.log(`  first open in a process             ${ms(m.pgliteFirst)}          ${ms(m.oursFirst)}        ${(m.oursFirst / m.pgliteFirst).toFixed(2)}x`);
  console.log(`  warm reopen (one per editor action) ${ms(m.pgliteWarm)}          ${ms(m.oursWarm)}        ${(m.oursWarm / m.pgliteWarm).toFixed(2)}x`);
  console.log(`  warm reopen against a first open                       ${(m.oursWarm / m.oursFirst).toFixed(2)}x`);
  console.log(`  first open after compiling the WebAssembly alone       ${ms(m.afterPrewarm)}        ${(m.afterPrewarm / m.oursFirst).toFixed(2)}x of a first open without it`);
  console.log(`  compiling it alone (PGlite noInitDb)                   ${ms(m.prewarm)}`);
} finally {
  fs.rmSync(project, { recursive: true, force: true });
}
