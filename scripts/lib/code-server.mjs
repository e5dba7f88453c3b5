// code-server + Chromium, for the extension-host tests (scripts/run-extension-tests.mjs) and the
// Playwright UI tests. code-server is a real VS Code build shipped on npm; it is installed by
// scripts/setup-code-server.sh into .vscode-test/code-server-<version>/ (see RECIPES.md §2).
//
//   const server = await startCodeServer({ folder, installVsix: 'pgvector-migrator.vsix' });
//   const wb = await openWorkbench(server, { folder });   // wb.page is a Playwright Page
//   ...
//   await wb.close(); await stopCodeServer(server);
//
// Everything a run creates (user data, extensions, logs) lives in one fresh temporary folder,
// removed by stopCodeServer unless `keepTemp` is set.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION || '4.100.3';
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM_PATH = process.env.PGVM_CHROMIUM || '/usr/bin/chromium';
/** Flags that keep Debian's Chromium quiet on a machine without network (RECIPES.md §2). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Environment that keeps code-server off the network: an empty extension gallery (code-server
 * otherwise asks open-vsx.org about extensions, which fails here after a DNS lookup).
 */
export const OFFLINE_ENV = { EXTENSIONS_GALLERY: '{}' };

/** User settings written into every fresh user-data-dir: no tours, prompts or update checks. */
export const DEFAULT_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.openRepositoryInParentFolders': 'never',
  'chat.commandCenter.enabled': false,
};

/**
 * Settings that make the opened folder start in Restricted Mode: trust stays enabled and nothing
 * asks. Trust is remembered per browser profile (application storage), and every run starts with
 * a fresh profile and user-data-dir, so the folder is simply not trusted yet. Without
 * `startupPrompt: never` a modal "Do you trust the authors?" dialog would wait for a click.
 */
export const UNTRUSTED_USER_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
  'security.workspace.trust.emptyWindow': false,
};

export function codeServerDir(version = CODE_SERVER_VERSION) {
  return path.join(process.env.CODE_SERVER_CACHE_DIR || path.join(REPO_ROOT, '.vscode-test'), `code-server-${version}`);
}

function codeServerEntry(dir) {
  const entry = path.join(dir, 'out', 'node', 'entry.js');
  if (!fs.existsSync(path.join(dir, '.pgvm-installed')) || !fs.existsSync(entry)) {
    throw new Error(`code-server is not installed in ${dir}: run  bash scripts/setup-code-server.sh`);
  }
  return entry;
}

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The last `n` lines of a file, or '' when it does not exist. */
export function tail(file, n = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}

const liveServers = new Set();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when the process ends without stopCodeServer (an uncaught error, process.exit):
  // kill the process groups synchronously. Browsers are killed by Playwright's own exit hook.
  process.on('exit', () => {
    for (const s of liveServers) {
      try {
        process.kill(-s.child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      if (!s.keepTemp) fs.rmSync(s.tempDir, { recursive: true, force: true });
    }
  });
}

/**
 * Installs a packaged extension (.vsix) into an extensions dir with code-server's own CLI, as a
 * user would. Synchronous; throws with code-server's output when it fails.
 */
export function installVsix({ vsix, extensionsDir, userDataDir, configFile, csDir = codeServerDir() }) {
  const entry = codeServerEntry(csDir);
  const args = [entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', path.resolve(vsix), '--force'];
  if (configFile) args.splice(1, 0, '--config', configFile);
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120000, env: { ...process.env, ...OFFLINE_ENV } });
  if (r.status !== 0) {
    throw new Error(`installing ${vsix} failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  }
  return `${r.stdout}${r.stderr}`.trim();
}

/**
 * Starts code-server on a free 127.0.0.1 port with a fresh user-data-dir and extensions-dir.
 *
 * options:
 *   folder        folder to open by default (also passed on the command line)
 *   workspaceFile a .code-workspace file to open by default instead of a folder (multi-root)
 *   trust         'disabled' (default: --disable-workspace-trust) | 'untrusted' (trust enabled,
 *                 folder starts in Restricted Mode, no prompt)
 *   env           extra environment for code-server; its extension host inherits it
 *   installVsix   path or paths of .vsix files to install before starting
 *   userSettings  extra user settings (merged over the defaults)
 *   keepTemp      keep the temporary folder (user data, logs) after stopCodeServer
 *   readyTimeoutMs  how long to wait for /healthz (default 60 s)
 *   log           function for progress messages (default: stderr)
 *
 * Returns { port, origin, remoteAuthority, tempDir, userDataDir, extensionsDir, logFile, child,
 *           exited (a promise of the exit code), remoteUri(path), workbenchUrl(opts) }.
 */
export async function startCodeServer(options = {}) {
  const {
    folder,
    workspaceFile,
    trust = 'disabled',
    env = {},
    installVsix: vsixes = [],
    userSettings = {},
    keepTemp = false,
    readyTimeoutMs = 60000,
    log = (m) => process.stderr.write(`[code-server] ${m}\n`),
    csDir = codeServerDir(),
  } = options;
  if (!['disabled', 'untrusted'].includes(trust)) throw new Error(`unknown trust mode: ${trust}`);
  const entry = codeServerEntry(csDir);
  const started = Date.now();

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-code-server-'));
  const userDataDir = path.join(tempDir, 'user-data');
  const extensionsDir = path.join(tempDir, 'extensions');
  const configFile = path.join(tempDir, 'config.yaml');
  const logFile = path.join(tempDir, 'code-server.log');
  fs.mkdirSync(extensionsDir, { recursive: true });
  // An empty config: never read or write ~/.config/code-server/config.yaml.
  fs.writeFileSync(configFile, '');
  const settings = { ...DEFAULT_USER_SETTINGS, ...(trust === 'untrusted' ? UNTRUSTED_USER_SETTINGS : {}), ...userSettings };
  writeJson(path.join(userDataDir, 'User', 'settings.json'), settings);
  writeJson(path.join(userDataDir, 'Machine', 'settings.json'), {});

  for (const vsix of [vsixes].flat().filter(Boolean)) {
    log(`installing ${vsix}`);
    const out = installVsix({ vsix, extensionsDir, userDataDir, configFile, csDir });
    if (out) log(out);
  }

  const port = await freePort();
  const args = [
    entry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  if (trust === 'disabled') args.push('--disable-workspace-trust');
  if (workspaceFile) args.push(path.resolve(workspaceFile));
  else if (folder) args.push(path.resolve(folder));

  const logFd = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, {
    cwd: workspaceFile ? path.dirname(path.resolve(workspaceFile)) : folder ? path.resolve(folder) : tempDir,
    env: { ...process.env, ...OFFLINE_ENV, ...env },
    stdio: ['ignore', logFd, logFd],
    detached: true, // own process group: stopCodeServer kills code-server and its extension hosts
  });
  fs.closeSync(logFd);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const server = {
    port,
    origin: `http://127.0.0.1:${port}`,
    remoteAuthority: `127.0.0.1:${port}`,
    tempDir,
    userDataDir,
    extensionsDir,
    logFile,
    child,
    exited,
    keepTemp,
    trust,
    stopped: false,
    /** A vscode-remote URI of a path on this machine, as the workbench in the browser sees it. */
    remoteUri(p) {
      return `vscode-remote://${this.remoteAuthority}${path.resolve(p).split(path.sep).map(encodeURIComponent).join('/')}`;
    },
    /**
     * The workbench URL for a folder or a workspace file (`workspace`, which wins), optionally with
     * extension development/test paths.
     */
    workbenchUrl({ folder: f = folder, workspace: w = workspaceFile, extensionDevelopmentPath, extensionTestsPath, payload = [] } = {}) {
      const params = new URLSearchParams();
      if (w) params.set('workspace', path.resolve(w));
      else if (f) params.set('folder', path.resolve(f));
      const pl = [...payload];
      if (extensionDevelopmentPath) pl.push(['extensionDevelopmentPath', this.remoteUri(extensionDevelopmentPath)]);
      if (extensionTestsPath) pl.push(['extensionTestsPath', this.remoteUri(extensionTestsPath)]);
      if (pl.length) params.set('payload', JSON.stringify(pl));
      return `${this.origin}/?${params}`;
    },
  };
  liveServers.add(server);
  installExitHook();

  // Ready when /healthz answers.
  let exitCode;
  exited.then((c) => (exitCode = c));
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exitCode !== undefined) {
      await stopCodeServer(server, { keepTemp: true });
      throw new Error(`code-server exited (${exitCode}) before it was ready; log ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${server.origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stopCodeServer(server, { keepTemp: true });
      throw new Error(`code-server did not answer on ${server.origin} within ${readyTimeoutMs} ms; log ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(100);
  }
  log(`code-server ${CODE_SERVER_VERSION} ready on ${server.origin} in ${((Date.now() - started) / 1000).toFixed(1)} s (trust: ${trust})`);
  return server;
}

/** Stops code-server and everything it started (extension hosts, pty host); idempotent. */
export async function stopCodeServer(server, { keepTemp = server?.keepTemp ?? false, graceMs = 3000 } = {}) {
  if (!server || server.stopped) return;
  server.stopped = true;
  const { child } = server;
  const killGroup = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* group gone */
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    killGroup('SIGTERM');
    const done = await Promise.race([server.exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!done) killGroup('SIGKILL');
  }
  // Children that outlived the parent (an extension host busy in a test) go too.
  killGroup('SIGKILL');
  liveServers.delete(server);
  if (!keepTemp) fs.rmSync(server.tempDir, { recursive: true, force: true });
}

/**
 * Opens the workbench of a running code-server in Debian's Chromium, driven by playwright-core.
 *
 * options:
 *   folder, workspace, extensionDevelopmentPath, extensionTestsPath, payload   see server.workbenchUrl
 *   headless            default true
 *   waitForWorkbench    wait until `.monaco-workbench` is in the page (default true)
 *   timeoutMs           for that wait (default 60 s)
 *   exposeAutomation    expose window.codeAutomationLog / codeAutomationExit, which VS Code calls
 *                       in extension-test mode (default true)
 *   onLog(line)         called for each browser console line and extension host log line
 *
 * Returns { browser, context, page, url, automationExit (a promise of { code, logs }), close() }.
 */
export async function openWorkbench(server, options = {}) {
  const {
    headless = true,
    waitForWorkbench = true,
    timeoutMs = 60000,
    exposeAutomation = true,
    onLog = () => {},
    viewport = { width: 1400, height: 900 },
  } = options;
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (err) {
    throw new Error(`playwright-core is not installed (npm install): ${err.message}`);
  }
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: run  bash scripts/setup-code-server.sh  (installs Debian's chromium)`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless,
    args: CHROMIUM_ARGS,
    // The caller owns signal handling (and stops code-server too); Playwright still kills the
    // browser when this process exits.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const close = async () => {
    await browser.close().catch(() => {});
  };
  try {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    // In extension-test mode VS Code sends its log lines to codeAutomationLog too: the console
    // copies of those ('%c INFO ...') are skipped.
    const dropStyled = exposeAutomation && !!options.extensionTestsPath;
    page.on('console', (msg) => {
      const text = msg.text();
      if (!(dropStyled && text.startsWith('%c'))) onLog(`[browser ${msg.type()}] ${text}`);
    });
    page.on('pageerror', (err) => onLog(`[browser pageerror] ${err.message}`));
    page.on('crash', () => onLog('[browser] page crashed'));
    page.on('response', (res) => {
      if (res.status() >= 400) onLog(`[browser http ${res.status()}] ${res.url()}`);
    });
    page.on('requestfailed', (req) => onLog(`[browser request failed] ${req.url()}: ${req.failure()?.errorText}`));
    let resolveExit;
    const automationExit = new Promise((r) => (resolveExit = r));
    if (exposeAutomation) {
      await page.exposeFunction('codeAutomationLog', (type, args) => {
        onLog(`[vscode ${type}] ${(Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`);
      });
      await page.exposeFunction('codeAutomationExit', (code, logs) => resolveExit({ code, logs: logs ?? [] }));
    }
    const url = server.workbenchUrl(options);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    if (waitForWorkbench) await page.locator('.monaco-workbench').first().waitFor({ timeout: timeoutMs });
    return { browser, context, page, url, automationExit, close };
  } catch (err) {
    await close();
    throw err;
  }
}
