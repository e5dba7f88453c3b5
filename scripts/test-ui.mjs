#!/usr/bin/env node
// The UI suite: the packaged extension as a user meets it. Builds and packages the VSIX once,
// checks what it carries, then for each scenario installs it into a fresh code-server (fresh
// user-data-dir and extensions dir) on a fresh copy of examples/quickstart and clicks through the
// scenario in Chromium with playwright-core:
//   authoring   New Migration, a vector(768) column squiggled, explained on hover, quick-fixed
//   running     Apply pending, 0 pending in the status bar, Roll back from the item's context menu,
//               the CLI reads the same history from the embedded database
//   server      the same on a PostgreSQL server added with "Add connection…" (PGVM_TEST_DATABASE_URL)
//   failing     a migration failing at its third statement: notification, failed item, diagnostic,
//               nothing left in the database
//   sharing     two windows on the same folder and the CLI on one embedded database: each window
//               shows what the other and the CLI applied or rolled back, without a refresh
//   completing  ALTER TABLE chunks ALTER COLUMN offers the columns of chunks, one is accepted
// Prints one line per test with the reason of a failure, and last `N passed, N failed, N skipped`
// (npm test reads it). Exit 0 only when nothing failed. Screenshots go to test-results/ui/;
// --update-screenshots also writes them to docs/images/ (the README shows those).
//
//   node scripts/test-ui.mjs [--scenario NAME]... [--update-screenshots] [--keep] [--verbose]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWorkbench, startCodeServer, stopCodeServer, tail } from './lib/code-server.mjs';
import { checkVsix, describeVsix } from '../test/e2e/vsix-contents.mjs';
import { quickstartCopy } from '../test/e2e/project.mjs';
import { Workbench } from '../test/e2e/workbench.mjs';
import authoring from '../test/e2e/scenarios/authoring.mjs';
import running from '../test/e2e/scenarios/running.mjs';
import server from '../test/e2e/scenarios/server.mjs';
import failing from '../test/e2e/scenarios/failing.mjs';
import sharing from '../test/e2e/scenarios/sharing.mjs';
import completing from '../test/e2e/scenarios/completing.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCENARIOS = [authoring, running, server, failing, sharing, completing];
/** A scenario that takes longer than this is stuck; it fails and the next one runs. */
const SCENARIO_LIMIT_MS = 240_000;
const VIEWPORT = { width: 1280, height: 800 };
const log = (m) => process.stderr.write(`[test-ui] ${m}\n`);

function parseArgs(argv) {
  const opts = { scenarios: [], updateScreenshots: false, keep: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--scenario') opts.scenarios.push(argv[++i]);
    else if (a === '--update-screenshots') opts.updateScreenshots = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--verbose') opts.verbose = true;
    else {
      console.error(`test-ui: unknown argument ${a}`);
      process.exit(2);
    }
  }
  const names = SCENARIOS.map((s) => s.name);
  for (const s of opts.scenarios) {
    if (!names.includes(s)) {
      console.error(`test-ui: --scenario must be one of ${names.join(', ')}`);
      process.exit(2);
    }
  }
  return opts;
}

/** A build step; its output goes to stderr so that stdout holds only results. */
function build(name, command, args) {
  log(name);
  const r = spawnSync(command, args, { cwd: root, stdio: ['ignore', 2, 2], env: process.env });
  if (r.status !== 0) throw new Error(`${name} failed (exit ${r.status ?? r.signal})`);
}

const results = [];
function report(name, title, status, seconds, reason) {
  results.push({ name, status });
  const time = seconds === undefined ? '' : ` (${seconds.toFixed(1)} s)`;
  console.log(`${status.toUpperCase().padEnd(4)} ${name}: ${title}${time}`);
  if (reason) console.log(`       ${reason.split('\n').join('\n       ')}`);
}

/** Resources of the scenario now running, released on any exit path (including Ctrl-C). */
const live = { workbench: undefined, server: undefined, windows: [] };
async function releaseLive() {
  const { workbench, server: s, windows } = live;
  live.workbench = live.server = undefined;
  live.windows = [];
  for (const w of windows) await w.close();
  if (workbench) await workbench.close();
  if (s) await stopCodeServer(s);
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    log(`${signal}: stopping code-server and Chromium`);
    releaseLive().finally(() => process.exit(130));
  });
}

async function runScenario(scenario, { vsix, temp, outDir, opts }) {
  const skip = scenario.skip?.();
  if (skip) {
    report(scenario.name, scenario.title, 'skip', undefined, skip);
    return;
  }
  const started = Date.now();
  const project = quickstartCopy(root, path.join(temp, scenario.name, 'quickstart'));
  const logFile = path.join(outDir, `${scenario.name}.log`);
  fs.writeFileSync(logFile, '');
  const browserLog = (line) => fs.appendFileSync(logFile, `${line}\n`);
  let currentStep = 'starting code-server with the VSIX installed';
  let shots = 0;
  const ctx = {
    root,
    project,
    log: (m) => (opts.verbose ? log(`${scenario.name}: ${m}`) : browserLog(`[scenario] ${m}`)),
    async step(name, work) {
      currentStep = name;
      ctx.log(`step: ${name}`);
      return work();
    },
    /** Another window (its own browser and extension host) on the same folder of the same code-server. */
    async openWindow() {
      const opened = await openWorkbench(live.server, { folder: project, viewport: VIEWPORT, onLog: browserLog, exposeAutomation: false });
      live.windows.push(opened);
      return new Workbench(opened.page);
    },
    /** The scenario's screenshot: test-results/ui/<name>.png (and, for the README's, docs/images/ with --update-screenshots). */
    async screenshot(suffix = '', wb = live.workbench.wb) {
      const file = path.join(outDir, `${scenario.name}${suffix}.png`);
      await wb.screenshot(file);
      shots++;
      if (opts.updateScreenshots && scenario.docsImage) fs.copyFileSync(file, path.join(root, 'docs', 'images', `${scenario.name}${suffix}.png`));
    },
  };
  let failure;
  let timer;
  try {
    const prepared = (await scenario.prepare?.(ctx)) ?? {};
    ctx.prepared = prepared;
    const work = (async () => {
      live.server = await startCodeServer({
        folder: project,
        installVsix: vsix,
        userSettings: {
          // Server connections close 5 s after the last action (the embedded database at once).
          'pgvectorMigrator.closeIdleConnectionAfterSeconds': 5,
          // Hovers, menus and notifications appear at once: screenshots never catch a fade.
          'workbench.reduceMotion': 'on',
          ...scenario.userSettings,
          ...prepared.userSettings,
        },
        env: { ...prepared.env },
        keepTemp: opts.keep,
        log: (m) => ctx.log(`code-server: ${m}`),
      });
      currentStep = 'opening the workbench in Chromium';
      const opened = await openWorkbench(live.server, { folder: project, viewport: VIEWPORT, onLog: browserLog, exposeAutomation: false });
      live.workbench = { ...opened, wb: new Workbench(opened.page) };
      await scenario.run(live.workbench.wb, ctx);
      if (shots === 0) throw new Error('the scenario saved no screenshot');
    })();
    const limit = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`still not done after ${SCENARIO_LIMIT_MS / 1000} s`)), SCENARIO_LIMIT_MS);
    });
    await Promise.race([work, limit]);
  } catch (err) {
    failure = `failed at "${currentStep}": ${err.message.split('\n').slice(0, 6).join('\n')}`;
    if (live.workbench) {
      const file = path.join(outDir, `${scenario.name}-failure.png`);
      await live.workbench.page.screenshot({ path: file }).then(() => (failure += `\nscreenshot: ${path.relative(root, file)}`), () => {});
    }
    for (const [i, w] of live.windows.entries()) {
      const file = path.join(outDir, `${scenario.name}-failure-window${i + 2}.png`);
      await w.page.screenshot({ path: file }).then(() => (failure += `\nscreenshot of window ${i + 2}: ${path.relative(root, file)}`), () => {});
    }
    if (live.server) fs.appendFileSync(logFile, `\n--- code-server log ---\n${tail(live.server.logFile, 60)}\n`);
    failure += `\nlog: ${path.relative(root, logFile)}`;
  } finally {
    clearTimeout(timer);
    await releaseLive();
    try {
      await scenario.cleanup?.(ctx);
    } catch (err) {
      failure ??= `cleanup failed: ${err.message}`;
    }
  }
  report(scenario.name, scenario.title, failure ? 'fail' : 'pass', (Date.now() - started) / 1000, failure);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-ui-tests-'));
  const outDir = path.join(root, 'test-results', 'ui');
  fs.mkdirSync(outDir, { recursive: true });
  if (opts.updateScreenshots) fs.mkdirSync(path.join(root, 'docs', 'images'), { recursive: true });
  try {
    build('bundling (node scripts/build.mjs)', process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
    const vsix = path.join(temp, 'pgvector-migrator.vsix');
    build('packaging the VSIX (vsce package)', process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix]);
    build('code-server (bash scripts/setup-code-server.sh)', 'bash', [path.join(root, 'scripts', 'setup-code-server.sh')]);

    const problems = checkVsix(vsix, root);
    const title = 'the VSIX carries only what runs (bundle, WebAssembly and data files, media, grammar, rule pages, README, LICENSE, CHANGELOG) and stays under 20 MB';
    report('vsix', title, problems.length ? 'fail' : 'pass', undefined, [describeVsix(vsix), ...problems].join('\n'));

    const chosen = opts.scenarios.length ? SCENARIOS.filter((s) => opts.scenarios.includes(s.name)) : SCENARIOS;
    for (const scenario of chosen) await runScenario(scenario, { vsix, temp, outDir, opts });
  } catch (err) {
    report('setup', 'build, package and install what the scenarios need', 'fail', undefined, err.message);
  } finally {
    await releaseLive();
    if (opts.keep) log(`kept ${temp}`);
    else fs.rmSync(temp, { recursive: true, force: true });
  }
  const count = (s) => results.filter((r) => r.status === s).length;
  console.log(`\nUI suite took ${((Date.now() - started) / 1000).toFixed(0)} s; screenshots and logs in ${path.relative(root, outDir)}/`);
  console.log(`${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`);
  return count('fail') === 0 && count('pass') > 0 ? 0 : 1;
}

main().then((code) => process.exit(code), async (err) => {
  log(err.stack ?? String(err));
  await releaseLive();
  process.exit(1);
});
