/**
 * Entry point of the multi-root suite: scripts/test-extension.mjs opens a .code-workspace file of
 * alpha and beta (copies of the quickstart, beta without its third migration) and notes (no
 * config) in its own harness invocation, and runs this.
 */
import * as os from 'os';
import * as path from 'path';
import { ENV, runMochaInHost } from '../runner';

export async function run(): Promise<void> {
  await runMochaInHost({
    testsRoot: __dirname,
    resultsFile: process.env[ENV.resultsFile] ?? path.join(os.tmpdir(), 'pgvm-ext-test-results.json'),
    timeout: Number(process.env[ENV.timeout]) || undefined,
    grep: process.env[ENV.grep] || undefined,
  });
}
