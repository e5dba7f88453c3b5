#!/usr/bin/env node
// The editor suites: the extension-host mocha tests inside a real VS Code (code-server), run four
// times, each on its own temporary copy of examples/quickstart:
//   trusted     the extension from this repository (extension development mode)
//   untrusted   the same, in a Restricted Mode window
//   multiroot   the same, in a multi-root workspace (a .code-workspace file) of two copies of the
//               quickstart, alpha and beta (beta without 0003), and notes, a folder with no config
//   vsix        the packaged pgvector-migrator.vsix installed as a user installs it
// Builds first (esbuild bundle, tsc for the tests, vsce for the VSIX) and installs code-server when
// missing. Prints each run's tests and its `N passed, N failed, N skipped`, then the measurements
// and, last, the total line that npm test reads. Exit 0 only when no test failed and every run
// reported.
//
//   node scripts/test-extension.mjs [--suite trusted|untrusted|multiroot|vsix]... [--keep] [--verbose]
//   node scripts/test-extension.mjs --print-suite-index [--suite S]   # the test index each suite loads
//   node scripts/test-extension.mjs --prepare    # build, and make .vscode-test/workspaces/quickstart
//                                                # for launch.json's "Extension Tests"
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quickstartCopy } from './lib/quickstart-copy.mjs';
import { SUITES, suiteIndex } from './lib/extension-suites.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (m) => process.stderr.write(`[test-extension] ${m}\n`);

function parseArgs(argv) {
  const opts = { suites: [], keep: false, verbose: false, prepare: false, printSuiteIndex: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--suite') opts.suites.push(argv[++i]);
    else if (a.startsWith('--suite=')) opts.suites.push(a.slice('--suite='.length));
    else if (a === '--keep') opts.keep = true;
    else if (a === '--verbose') opts.verbose = true;
    else if (a === '--prepare') opts.prepare = true;
    else if (a === '--print-suite-index') opts.printSuiteIndex = true;
    else {
      console.error(`test-extension: unknown argument ${a}`);
      process.exit(2);
    }
  }
  for (const s of opts.suites) {
    if (!SUITES.includes(s)) {
      console.error(`test-extension: --suite must be one of ${SUITES.join(', ')}`);
      process.exit(2);
    }
  }
  if (opts.suites.length === 0) opts.suites = [...SUITES];
  return opts;
}

/** Runs a build step; its output goes to stderr so that stdout holds only test results. */
function build(name, command, args, { allowFailure = false } = {}) {
  log(name);
  const r = spawnSync(command, args, { cwd: root, stdio: ['ignore', 2, 2], env: process.env });
  if (r.status !== 0 && !allowFailure) {
    log(`${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  return r.status === 0;
}

/** A copy of the quickstart without any local database state. */
const workspaceCopy = (dir) => quickstartCopy(root, dir);

/**
 * A multi-root workspace in `dir`: alpha (the quickstart), beta (the quickstart without its third
 * migration, so each project lists its own set) and notes (a folder without pgvector-migrator.json,
 * holding a stray .sql file that belongs to no project), opened through multiroot.code-workspace.
 * Returns the workspace file.
 */
function multiRootWorkspace(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  workspaceCopy(path.join(dir, 'alpha'));
  workspaceCopy(path.join(dir, 'beta'));
  fs.rmSync(path.join(dir, 'beta', 'db', 'migrations', '0003_create_chunks.sql'));
  fs.mkdirSync(path.join(dir, 'notes'));
  fs.writeFileSync(path.join(dir, 'notes', 'scratch.sql'), 'SELECT 1;\n');
  const file = path.join(dir, 'multiroot.code-workspace');
  const folders = ['alpha', 'beta', 'notes'].map((name) => ({ path: name }));
  fs.writeFileSync(file, `${JSON.stringify({ folders, settings: {} }, null, 2)}\n`);
  return file;
}

/** Runs one harness invocation, echoing its stdout; resolves to its counts (or undefined). */
function harness(suite, args, { verbose }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'run-extension-tests.mjs'), ...args, ...(verbose ? ['--verbose'] : [])], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('exit', (code) => {
      const m = [...out.matchAll(/^(\d+) passed, (\d+) failed, (\d+) skipped$/gm)].pop();
      resolve({ suite, code, counts: m && { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3]) } });
    });
  });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.printSuiteIndex) {
    for (const suite of opts.suites) console.log(`${suite} ${suiteIndex(root, suite)}`);
    return 0;
  }
  build('bundling (node scripts/build.mjs)', process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
  // Type errors elsewhere in the tree still emit JavaScript; the suites say what is broken.
  if (!build('compiling the tests (tsc -p .)', process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { allowFailure: true })) {
    log('tsc reported errors (above); running the suites on what it emitted');
  }
  if (opts.prepare) {
    const dir = workspaceCopy(path.join(root, '.vscode-test', 'workspaces', 'quickstart'));
    log(`workspace for launch.json's "Extension Tests": ${dir}`);
    return 0;
  }
  build('code-server (bash scripts/setup-code-server.sh)', 'bash', [path.join(root, 'scripts', 'setup-code-server.sh')]);

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-editor-tests-'));
  let vsix;
  if (opts.suites.includes('vsix')) {
    vsix = path.join(temp, 'pgvector-migrator.vsix');
    build('packaging the VSIX (vsce package)', process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix]);
  }

  const runs = {
    trusted: ['--extension-dev', root, '--tests', suiteIndex(root, 'trusted'), '--timeout-ms', '900000'],
    untrusted: ['--extension-dev', root, '--tests', suiteIndex(root, 'untrusted'), '--untrusted'],
    multiroot: ['--extension-dev', root, '--tests', suiteIndex(root, 'multiroot'), '--timeout-ms', '600000'],
    vsix: ['--install-vsix', vsix, '--tests', suiteIndex(root, 'vsix'), '--timeout-ms', '600000'],
  };
  const results = [];
  for (const suite of opts.suites) {
    let opened;
    if (suite === 'multiroot') {
      opened = ['--workspace-file', multiRootWorkspace(path.join(temp, `workspace-${suite}`))];
      console.log(`\n--- editor suite: ${suite} (workspace: alpha, beta (copies of examples/quickstart) and notes) ---`);
    } else {
      opened = ['--workspace', workspaceCopy(path.join(temp, `workspace-${suite}`, 'quickstart'))];
      console.log(`\n--- editor suite: ${suite} (workspace: a copy of examples/quickstart) ---`);
    }
    const args = [...runs[suite], ...opened, '--results', path.join(temp, `results-${suite}.json`)];
    results.push(await harness(suite, args, opts));
  }

  const measurements = path.join(temp, 'measurements.json');
  if (fs.existsSync(measurements)) {
    const m = JSON.parse(fs.readFileSync(measurements, 'utf8'));
    console.log('\nmeasured in the extension host:');
    if (m.activationMs !== undefined) {
      const b = m.activationBreakdown;
      console.log(`  activation (module evaluation + activate()): ${m.activationMs} ms${b ? ` (modules ${b.evaluateMs} ms, activate ${b.activateMs} ms)` : ''}`);
    }
    if (m.vsixActivationMs !== undefined) {
      const b = m.vsixActivationBreakdown;
      console.log(`  activation of the installed VSIX: ${m.vsixActivationMs} ms${b ? ` (modules ${b.evaluateMs} ms, activate ${b.activateMs} ms)` : ''}`);
    }
    if (m.viewFollowsCliMs !== undefined) console.log(`  the Migrations view showing what the CLI's up applied, after the CLI exited: ${m.viewFollowsCliMs} ms`);
    if (m.bundleLoadMs !== undefined) console.log(`  loading dist/extension.js from disk (compile + evaluate, cold): ${m.bundleLoadMs} ms`);
  }
  if (opts.keep) log(`kept ${temp}`);
  else fs.rmSync(temp, { recursive: true, force: true });

  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const r of results) {
    if (!r.counts) {
      console.log(`${r.suite}: the harness reported no result (exit ${r.code})`);
      total.failed++;
      continue;
    }
    total.passed += r.counts.passed;
    total.failed += r.counts.failed;
    total.skipped += r.counts.skipped;
    if (r.code !== 0 && r.counts.failed === 0) {
      console.log(`${r.suite}: the harness exited ${r.code} without a failed test`);
      total.failed++;
    }
  }
  console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total.failed === 0 && total.passed > 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (err) => {
  log(err.stack ?? String(err));
  process.exit(1);
});
