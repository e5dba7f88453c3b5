/**
 * Runs a mocha suite inside the VS Code extension host and writes the results to a JSON file that
 * scripts/run-extension-tests.mjs (outside the host) waits for.
 *
 * The extension host's module resolution is not the repository's, so mocha is loaded by absolute
 * path, resolved from the repository's node_modules (this file compiles to
 * out/test/extension/runner.js, three levels below the repository root).
 */
import * as fs from 'fs';
import * as path from 'path';
import { inspect } from 'util';

export interface HostTestResult {
  title: string;
  fullTitle: string;
  state: 'passed' | 'failed' | 'skipped';
  durationMs?: number;
  error?: { message: string; stack?: string; expected?: string; actual?: string };
}

export interface HostTestResults {
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  tests: HostTestResult[];
}

export interface RunMochaOptions {
  /** Folder searched (recursively) for compiled `*.test.js` files. */
  testsRoot: string;
  /** Where the JSON results are written (atomically: a temporary file, then rename). */
  resultsFile: string;
  /** Per-test timeout in milliseconds (mocha's default is 2000). */
  timeout?: number;
  /** Only run tests whose full title matches (mocha's --grep). */
  grep?: string;
  /** Sub-folders of testsRoot not to search (suites that need another harness run). */
  exclude?: string[];
}

/** Environment variables through which scripts/run-extension-tests.mjs talks to the host. */
export const ENV = {
  resultsFile: 'PGVM_EXT_TEST_RESULTS',
  grep: 'PGVM_EXT_TEST_GREP',
  timeout: 'PGVM_EXT_TEST_TIMEOUT',
  workspace: 'PGVM_EXT_TEST_WORKSPACE',
  trust: 'PGVM_EXT_TEST_TRUST',
  mocha: 'PGVM_EXT_TEST_MOCHA',
} as const;

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

function loadMocha(): typeof import('mocha') {
  const candidates = [process.env[ENV.mocha], REPO_ROOT, process.cwd()].filter(
    (p): p is string => !!p,
  );
  let lastError: unknown;
  for (const base of candidates) {
    try {
      const resolved = base.endsWith('.js') ? base : require.resolve('mocha', { paths: [base] });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(resolved);
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(
    `cannot load mocha from ${candidates.join(', ')} (run npm install): ${String(lastError)}`,
  );
}

function findTestFiles(dir: string, exclude: string[] = []): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !exclude.includes(entry.name)) walk(p);
      } else if (entry.isFile() && entry.name.endsWith('.test.js')) {
        out.push(p);
      }
    }
  };
  walk(dir);
  return out;
}

function toError(err: unknown): HostTestResult['error'] {
  if (err && typeof err === 'object') {
    const e = err as { message?: unknown; stack?: unknown; expected?: unknown; actual?: unknown };
    const show = (v: unknown): string | undefined =>
      v === undefined ? undefined : typeof v === 'string' ? v : inspect(v, { depth: 4 });
    return {
      message: String(e.message ?? err),
      stack: typeof e.stack === 'string' ? e.stack : undefined,
      expected: show(e.expected),
      actual: show(e.actual),
    };
  }
  return { message: String(err) };
}

function writeResults(file: string, results: HostTestResults): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, file);
}

/**
 * Runs every `*.test.js` under `testsRoot` with mocha (BDD interface) in this process and writes
 * `{ passed, failed, skipped, durationMs, tests: [{ title, fullTitle, state, error? }] }` to
 * `resultsFile`. Rejects when a test failed, like @vscode/test-electron's conventional runner,
 * after the results are written. A suite that cannot even be loaded is reported as one failed
 * entry, so the outside runner always gets a file to read.
 */
export async function runMochaInHost(options: RunMochaOptions): Promise<void> {
  const started = Date.now();
  const tests: HostTestResult[] = [];
  const finish = (): HostTestResults => ({
    passed: tests.filter((t) => t.state === 'passed').length,
    failed: tests.filter((t) => t.state === 'failed').length,
    skipped: tests.filter((t) => t.state === 'skipped').length,
    durationMs: Date.now() - started,
    tests,
  });

  let failures: number;
  try {
    const Mocha = loadMocha();
    const mocha = new Mocha({
      ui: 'bdd',
      color: false,
      timeout: options.timeout ?? 20000,
      // The spec reporter's output lands in the extension host's log; the outside runner prints
      // the results file.
      reporter: 'spec',
    });
    if (options.grep) mocha.grep(options.grep);
    const files = findTestFiles(options.testsRoot, options.exclude);
    for (const f of files) mocha.addFile(f);

    failures = await new Promise<number>((resolve, reject) => {
      try {
        const runner = mocha.run((n) => resolve(n));
        runner.on('pass', (test) => {
          tests.push({
            title: test.title,
            fullTitle: test.fullTitle(),
            state: 'passed',
            durationMs: test.duration,
          });
        });
        runner.on('fail', (test, err) => {
          // `test` is a hook when a before/after hook fails: its title says which.
          tests.push({
            title: test.title,
            fullTitle: test.fullTitle(),
            state: 'failed',
            durationMs: test.duration,
            error: toError(err),
          });
        });
        runner.on('pending', (test) => {
          tests.push({ title: test.title, fullTitle: test.fullTitle(), state: 'skipped' });
        });
      } catch (err) {
        reject(err);
      }
    });
  } catch (err) {
    tests.push({
      title: 'loading the extension-host test suite',
      fullTitle: 'loading the extension-host test suite',
      state: 'failed',
      error: toError(err),
    });
    failures = 1;
  }

  const results = finish();
  writeResults(options.resultsFile, results);
  if (failures > 0 || results.failed > 0) {
    throw new Error(`${results.failed} extension-host test(s) failed`);
  }
}
