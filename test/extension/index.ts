/**
 * Entry point of the extension-host test suite: VS Code loads this module (compiled to
 * out/test/extension/index.js) as `extensionTestsPath` and calls `run()` inside the extension
 * host. scripts/run-extension-tests.mjs passes the results file through the environment.
 */
import * as os from 'os';
import * as path from 'path';
import { ENV, runMochaInHost } from './runner';

export async function run(): Promise<void> {
  const resultsFile =
    process.env[ENV.resultsFile] ?? path.join(os.tmpdir(), 'pgvm-ext-test-results.json');
  const timeout = Number(process.env[ENV.timeout]) || undefined;
  await runMochaInHost({
    testsRoot: __dirname,
    resultsFile,
    timeout,
    grep: process.env[ENV.grep] || undefined,
    // These run in their own harness invocations: a Restricted Mode window, an installed VSIX, a
    // multi-root workspace.
    exclude: ['untrusted', 'vsix', 'multiroot'],
  });
}
