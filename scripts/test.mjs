// `npm test`: compiles, bundles, then runs every suite and ends with one line
// `N passed, N failed, N skipped` totalled over all of them.
//   unit       core logic on Node (no database)
//   db         the embedded PGlite always; a real PostgreSQL when PGVM_TEST_DATABASE_URL is set
//   editor     the extension-host suite inside a real VS Code (code-server), when it is installed
//              (scripts/setup-code-server.sh; .ci/run always installs it) or PGVM_EDITOR_TESTS=1
//   ui         the packaged extension clicked in Chromium, same condition as editor
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const totals = { passed: 0, failed: 0, skipped: 0 };
const notes = [];
let broken = false;

function banner(text) {
  const line = '='.repeat(Math.max(60, text.length + 6));
  console.log(`\n${line}\n== ${text}\n${line}`);
}

function loud(text) {
  const line = '!'.repeat(100);
  console.log(`\n${line}\n!! ${text.split('\n').join('\n!! ')}\n${line}`);
  notes.push(text.split('\n')[0]);
}

function step(name, command, args, env = {}) {
  banner(name);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.log(`\n${name} failed (exit ${r.status ?? r.signal})`);
    broken = true;
    return false;
  }
  return true;
}

function mocha(name, patterns, extraArgs = []) {
  const files = patterns.flatMap((p) => expandGlob(p));
  if (files.length === 0) {
    loud(`${name}: no test files found for ${patterns.join(' ')}`);
    return;
  }
  const countsFile = path.join(os.tmpdir(), `pgvm-counts-${process.pid}-${name}.json`);
  banner(`${name} (${files.length} files)`);
  const r = spawnSync(process.execPath, [
    path.join(root, 'node_modules/mocha/bin/mocha.js'),
    '--reporter', path.join(root, 'scripts/lib/count-reporter.cjs'),
    '--reporter-option', `countsFile=${countsFile}`,
    ...extraArgs, ...files,
  ], { cwd: root, stdio: 'inherit', env: process.env });
  if (!fs.existsSync(countsFile)) {
    console.log(`${name}: mocha ended without results (exit ${r.status ?? r.signal})`);
    totals.failed++;
    return;
  }
  const counts = JSON.parse(fs.readFileSync(countsFile, 'utf8'));
  fs.rmSync(countsFile);
  add(name, counts);
  if (r.status !== 0 && counts.failed === 0) {
    console.log(`${name}: mocha exited ${r.status} without a failed test`);
    totals.failed++;
  }
}

function add(name, counts) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

/** Minimal glob: "dir/**\/*.test.js" style patterns, enough for our layout. */
function expandGlob(pattern) {
  const [base, suffix] = pattern.split('/**/');
  const dir = path.join(root, base);
  if (!fs.existsSync(dir)) return [];
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(suffix.replace('*', ''))) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Runs a script that ends with its own `N passed, N failed, N skipped` line. */
function countedScript(name, script) {
  banner(name);
  const r = spawnSync(process.execPath, [path.join(root, script)], { cwd: root, encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(r.stdout ?? '');
  const m = [...(r.stdout ?? '').matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/gm)].pop();
  if (!m) {
    console.log(`${name}: no result line (exit ${r.status ?? r.signal})`);
    totals.failed++;
    return;
  }
  add(name, { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) });
  if (r.status !== 0 && Number(m[2]) === 0) {
    console.log(`${name}: exited ${r.status} without a failed test`);
    totals.failed++;
  }
}

function codeServerInstalled() {
  const dir = path.join(root, '.vscode-test');
  return fs.existsSync(dir) && fs.readdirSync(dir).some((d) => d.startsWith('code-server-') && fs.existsSync(path.join(dir, d, '.pgvm-installed')));
}

if (step('compile (tsc)', process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'])
  && step('bundle (esbuild)', process.execPath, [path.join(root, 'scripts/build.mjs')])) {
  mocha('unit', ['out/test/unit/**/*.test.js']);
  if (!process.env.PGVM_TEST_DATABASE_URL) {
    loud('real-PostgreSQL suites SKIPPED: PGVM_TEST_DATABASE_URL is not set.\nscripts/setup-postgres.sh sets up PostgreSQL with pgvector and prints a URL; .ci/run always runs them.');
  }
  mocha('db', ['out/test/db/**/*.test.js'], ['--timeout', '60000']);
  const editorWanted = process.env.PGVM_EDITOR_TESTS === '1' || codeServerInstalled();
  for (const [name, script] of [['editor', 'scripts/test-extension.mjs'], ['ui', 'scripts/test-ui.mjs']]) {
    if (!fs.existsSync(path.join(root, script))) continue;
    if (!editorWanted) {
      loud(`${name} suites SKIPPED: no code-server in .vscode-test/.\nRun scripts/setup-code-server.sh (about 2 minutes, once) or set PGVM_EDITOR_TESTS=1; .ci/run always runs them.`);
      continue;
    }
    countedScript(name, script);
  }
}

if (notes.length > 0) console.log(`\nskipped suites: ${notes.join('; ')}`);
if (broken) totals.failed++;
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 ? 1 : 0;
