#!/usr/bin/env node
// Runs the extension-host mocha suite inside a real VS Code (code-server, driven by Debian's
// Chromium through playwright-core), offline. See RECIPES.md §2.
//
//   node scripts/run-extension-tests.mjs \
//     --extension-dev <abs dir of the extension (package.json, main)> \
//     --tests <abs path to the compiled test index .js exporting run()> \
//     (--workspace <abs folder to open> | --workspace-file <abs .code-workspace file to open>) \
//     [--install-vsix file.vsix] [--results file.json] [--timeout-ms N] [--grep REGEX] \
//     [--untrusted | --trust=disabled|untrusted] [--keep] [--verbose]
//
// The test index (test/extension/index.ts) runs in the extension host and writes its results to
// the file named by PGVM_EXT_TEST_RESULTS, which this script sets in code-server's environment
// (the extension host inherits it) and polls. Exit: 0 all passed, 1 a test failed or none ran,
// 2 usage, 3 timeout or harness error.
//
// Setup once: bash scripts/setup-code-server.sh
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkbench, startCodeServer, stopCodeServer, tail } from './lib/code-server.mjs';

const USAGE = `usage: node scripts/run-extension-tests.mjs --extension-dev DIR --tests INDEX.js (--workspace DIR | --workspace-file FILE.code-workspace)
       [--install-vsix FILE.vsix] [--results FILE.json] [--timeout-ms N] [--grep REGEX]
       [--untrusted | --trust=disabled|untrusted] [--keep] [--verbose]`;

function parseArgs(argv) {
  const opts = { trust: 'disabled', timeoutMs: 240000, installVsix: [], keep: false, verbose: false };
  const valued = {
    '--extension-dev': 'extensionDev',
    '--tests': 'tests',
    '--workspace': 'workspace',
    '--workspace-file': 'workspaceFile',
    '--install-vsix': 'installVsix',
    '--results': 'results',
    '--timeout-ms': 'timeoutMs',
    '--grep': 'grep',
    '--trust': 'trust',
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === '--untrusted') opts.trust = 'untrusted';
    else if (arg === '--keep') opts.keep = true;
    else if (arg === '--verbose') opts.verbose = true;
    else if (valued[arg]) {
      if (value === undefined) {
        value = argv[++i];
        if (value === undefined) usage(`${arg} needs a value`);
      }
      const key = valued[arg];
      if (key === 'installVsix') opts.installVsix.push(path.resolve(value));
      else if (key === 'timeoutMs') {
        opts.timeoutMs = Number(value);
        if (!Number.isFinite(opts.timeoutMs) || opts.timeoutMs <= 0) usage(`bad --timeout-ms: ${value}`);
      } else opts[key] = value;
    } else usage(`unknown argument: ${argv[i]}`);
  }
  if (!['disabled', 'untrusted'].includes(opts.trust)) usage(`--trust must be disabled or untrusted, not ${opts.trust}`);
  if (!opts.tests) usage('--tests is required');
  if (!opts.workspace === !opts.workspaceFile) usage('one of --workspace and --workspace-file is required');
  if (!opts.extensionDev && opts.installVsix.length === 0) usage('--extension-dev (or --install-vsix) is required');
  for (const k of ['extensionDev', 'tests', 'workspace', 'workspaceFile', 'results']) if (opts[k]) opts[k] = path.resolve(opts[k]);
  if (opts.extensionDev && !fs.existsSync(path.join(opts.extensionDev, 'package.json'))) usage(`no package.json in ${opts.extensionDev}`);
  if (!fs.existsSync(opts.tests)) usage(`test index not found: ${opts.tests} (compile the tests first: npx tsc -p .)`);
  if (opts.workspace && !fs.statSync(opts.workspace, { throwIfNoEntry: false })?.isDirectory()) usage(`workspace folder not found: ${opts.workspace}`);
  if (opts.workspaceFile && !fs.statSync(opts.workspaceFile, { throwIfNoEntry: false })?.isFile()) usage(`workspace file not found: ${opts.workspaceFile}`);
  for (const v of opts.installVsix) if (!fs.existsSync(v)) usage(`vsix not found: ${v}`);
  return opts;
}

function usage(msg) {
  console.error(`run-extension-tests: ${msg}\n${USAGE}`);
  process.exit(2);
}

const log = (m) => process.stderr.write(`[ext-tests] ${m}\n`);
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function readResults(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined; // not there yet (it is written atomically, so never half-written)
  }
}

function printResults(results) {
  for (const t of results.tests ?? []) {
    if (t.state === 'passed') console.log(`  ✓ ${t.fullTitle}${t.durationMs != null ? ` (${t.durationMs} ms)` : ''}`);
    else if (t.state === 'skipped') console.log(`  - ${t.fullTitle} (skipped)`);
    else {
      console.log(`  ✗ ${t.fullTitle}`);
      const err = t.error ?? {};
      const body = err.stack && err.stack.includes(err.message ?? '') ? err.stack : `${err.message ?? ''}\n${err.stack ?? ''}`;
      for (const line of body.trim().split('\n').slice(0, 15)) console.log(`      ${line}`);
      if (err.expected !== undefined || err.actual !== undefined) {
        console.log(`      expected: ${err.expected}`);
        console.log(`      actual:   ${err.actual}`);
      }
    }
  }
}

// A closed pipe (`| head`) must not kill the runner before it stops code-server and the browser.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

// VS Code runs extensionTestsPath only in extension-development mode. Testing an installed VSIX
// (--install-vsix without --extension-dev) therefore names an empty development folder: the
// installed extension then loads exactly as a user gets it.
function noDevExtension(server) {
  const dir = path.join(server.tempDir, 'no-development-extension');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const resultsFile = opts.results ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-ext-results-')), 'results.json');
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.rmSync(resultsFile, { force: true });

  let server;
  let workbench;
  let cleaningUp;
  const cleanup = () =>
    (cleaningUp ??= (async () => {
      if (workbench) await workbench.close();
      if (server) await stopCodeServer(server, { keepTemp: opts.keep });
      if (!opts.results) fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
    })());
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      log(`${sig}: stopping code-server and the browser`);
      cleanup().finally(() => process.exit(130));
    });
  }

  const hostLog = [];
  const onLog = (line) => {
    hostLog.push(line);
    if (opts.verbose) process.stderr.write(`${line}\n`);
  };

  let exitCode = 3;
  try {
    server = await startCodeServer({
      folder: opts.workspace,
      workspaceFile: opts.workspaceFile,
      trust: opts.trust,
      installVsix: opts.installVsix,
      keepTemp: opts.keep,
      env: {
        PGVM_EXT_TEST_RESULTS: resultsFile,
        PGVM_EXT_TEST_WORKSPACE: opts.workspace ?? opts.workspaceFile,
        PGVM_EXT_TEST_TRUST: opts.trust,
        ...(opts.grep ? { PGVM_EXT_TEST_GREP: opts.grep } : {}),
      },
      log,
    });
    if (opts.keep) log(`keeping ${server.tempDir}`);

    const deadline = t0 + opts.timeoutMs;
    const tWb = Date.now();
    workbench = await openWorkbench(server, {
      folder: opts.workspace,
      workspace: opts.workspaceFile,
      extensionDevelopmentPath: opts.extensionDev ?? noDevExtension(server),
      extensionTestsPath: opts.tests,
      timeoutMs: Math.max(1000, deadline - Date.now()),
      onLog,
    });
    log(`workbench up in ${secs(Date.now() - tWb)}; extension-host tests running`);

    let hostExit;
    workbench.automationExit.then((e) => (hostExit = e));
    let serverExit;
    server.exited.then((c) => (serverExit = c));
    let results;
    let hostExitSeenAt;
    for (;;) {
      results = readResults(resultsFile);
      if (results) break;
      if (serverExit !== undefined) throw new Error(`code-server exited (${serverExit}) during the tests; log:\n${tail(server.logFile)}`);
      if (hostExit && !hostExitSeenAt) hostExitSeenAt = Date.now();
      // VS Code reports the end of the test run (codeAutomationExit); allow the file a moment.
      if (hostExitSeenAt && Date.now() - hostExitSeenAt > 2000) {
        throw new Error(
          `the extension-host test run ended (exit code ${hostExit.code}) without writing ${resultsFile}; ` +
            'was --tests an index whose run() calls runMochaInHost?',
        );
      }
      if (Date.now() > deadline) {
        const err = new Error(`timed out after ${secs(opts.timeoutMs)} waiting for ${resultsFile}`);
        err.timeout = true;
        throw err;
      }
      await sleep(200);
    }

    printResults(results);
    const { passed = 0, failed = 0, skipped = 0 } = results;
    console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
    if (failed > 0) exitCode = 1;
    else if (passed === 0) {
      log('no test ran (no *.test.js next to the test index, or --grep matched none)');
      exitCode = 1;
    } else exitCode = 0;
    log(`done in ${secs(Date.now() - t0)} (tests ${secs(results.durationMs ?? 0)})`);
  } catch (err) {
    log(`ERROR: ${err.message}`);
    if (server && !opts.verbose) {
      const errors = hostLog.filter((l) => /^\[(browser|vscode) (error|pageerror)\]/.test(l) && !/vsda|status of 404/.test(l));
      if (errors.length) log(`errors logged by VS Code / the browser:\n${errors.slice(-20).join('\n')}`);
      const recent = hostLog.slice(-15).join('\n');
      if (recent) log(`last log lines (all with --verbose):\n${recent}`);
      log(`code-server log (tail):\n${tail(server.logFile, 20)}`);
    }
    exitCode = 3;
  } finally {
    await cleanup();
  }
  process.exit(exitCode);
}

main();
