#!/usr/bin/env node
// The extension-host suite through @vscode/test-electron's runTests, on a desktop VS Code: the
// same mocha suite index that scripts/test-extension.mjs runs in code-server
// (scripts/lib/extension-suites.mjs), opened on a fresh copy of examples/quickstart.
//
//   node scripts/test-electron.mjs [--vscode-executable PATH] [--version stable|1.100.3] [--suite trusted]
//   node scripts/test-electron.mjs --print-suite-index [--suite S]
//
// VS Code is the one given by --vscode-executable (or PGVM_VSCODE_EXECUTABLE), else the one
// @vscode/test-electron downloads into .vscode-test/. Without a desktop (no display on Linux) it
// cannot start, and without a network it cannot be downloaded: then this says so in one line and
// runs the same suite in code-server instead. Ends with `N passed, N failed, N skipped`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quickstartCopy } from './lib/quickstart-copy.mjs';
import { SUITES, suiteIndex } from './lib/extension-suites.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (m) => process.stderr.write(`[test-electron] ${m}\n`);

function parseArgs(argv) {
  const opts = { suite: 'trusted', version: 'stable', executable: process.env.PGVM_VSCODE_EXECUTABLE, printSuiteIndex: false };
  for (let i = 0; i < argv.length; i++) {
    const [arg, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    if (arg === '--vscode-executable') opts.executable = value();
    else if (arg === '--version') opts.version = value();
    else if (arg === '--suite') opts.suite = value();
    else if (arg === '--print-suite-index') opts.printSuiteIndex = true;
    else {
      console.error(`test-electron: unknown argument ${argv[i]}`);
      process.exit(2);
    }
  }
  if (!SUITES.includes(opts.suite) || opts.suite === 'vsix') {
    console.error(`test-electron: --suite must be one of ${SUITES.filter((s) => s !== 'vsix').join(', ')}`);
    process.exit(2);
  }
  if (opts.executable && !fs.existsSync(opts.executable)) {
    console.error(`test-electron: --vscode-executable ${opts.executable} does not exist`);
    process.exit(2);
  }
  return opts;
}

/** Electron needs a display: macOS and Windows have one; Linux has one when X or Wayland is set. */
function hasDesktop() {
  return process.platform !== 'linux' || !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** A VS Code that @vscode/test-electron downloaded before (it caches in .vscode-test/vscode-*). */
function cachedDownload() {
  const dir = path.join(root, '.vscode-test');
  if (!fs.existsSync(dir)) return false;
  return fs.readdirSync(dir).some((d) => d.startsWith('vscode-'));
}

/** Why the suite cannot run in a desktop VS Code here, or undefined when it can be tried. */
function whyNotDesktop(opts) {
  if (!hasDesktop()) return 'no desktop to start VS Code in (no DISPLAY or WAYLAND_DISPLAY)';
  if (!opts.executable && !cachedDownload() && process.env.PGVM_OFFLINE === '1') return 'no VS Code given (--vscode-executable) and PGVM_OFFLINE=1 forbids downloading one';
  return undefined;
}

function build() {
  for (const [name, args] of [['bundling', [path.join(root, 'scripts', 'build.mjs')]], ['compiling the tests', [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']]]) {
    log(name);
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 2, 2] });
    if (r.status !== 0) {
      log(`${name} failed (exit ${r.status ?? r.signal})`);
      process.exit(1);
    }
  }
}

/** The same suite in code-server; its last line is the count this script ends with too. */
function inCodeServer(suite, reason) {
  console.log(`@vscode/test-electron cannot run here (${reason}): ran the ${suite} suite in code-server instead (scripts/test-extension.mjs --suite ${suite})`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'test-extension.mjs'), '--suite', suite], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function inDesktop(opts) {
  const { runTests, downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-electron-tests-'));
  const workspace = quickstartCopy(root, path.join(temp, 'quickstart'));
  const results = path.join(temp, 'results.json');
  let executable = opts.executable;
  if (!executable) {
    try {
      executable = await downloadAndUnzipVSCode({ version: opts.version, cachePath: path.join(root, '.vscode-test') });
    } catch (err) {
      fs.rmSync(temp, { recursive: true, force: true });
      return { fallback: `VS Code ${opts.version} could not be downloaded: ${String(err?.message ?? err).split('\n')[0]}` };
    }
  }
  let code = 0;
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: root,
      extensionTestsPath: suiteIndex(root, opts.suite),
      extensionTestsEnv: { PGVM_EXT_TEST_RESULTS: results, PGVM_EXT_TEST_WORKSPACE: workspace, PGVM_EXT_TEST_TRUST: 'disabled' },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${path.join(temp, 'user-data')}`],
    });
  } catch {
    code = 1; // the index rejects when a test failed; the results file says which
  }
  const counts = printResults(results);
  fs.rmSync(temp, { recursive: true, force: true });
  return { code: counts && counts.failed === 0 && counts.passed > 0 && code === 0 ? 0 : 1 };
}

function printResults(file) {
  if (!fs.existsSync(file)) {
    console.log('the extension-host run wrote no results\n0 passed, 1 failed, 0 skipped');
    return undefined;
  }
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const t of results.tests ?? []) {
    console.log(`  ${t.state === 'passed' ? '✓' : t.state === 'skipped' ? '-' : '✗'} ${t.fullTitle}`);
    if (t.state === 'failed') for (const line of String(t.error?.stack ?? t.error?.message ?? '').split('\n').slice(0, 10)) console.log(`      ${line}`);
  }
  console.log(`${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
  return results;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.printSuiteIndex) {
    console.log(`${opts.suite} ${suiteIndex(root, opts.suite)}`);
    return 0;
  }
  const reason = whyNotDesktop(opts);
  if (reason) return inCodeServer(opts.suite, reason);
  build();
  const outcome = await inDesktop(opts);
  if (outcome.fallback) return inCodeServer(opts.suite, outcome.fallback);
  return outcome.code;
}

main().then((code) => process.exit(code), (err) => {
  log(err?.stack ?? String(err));
  process.exit(1);
});
