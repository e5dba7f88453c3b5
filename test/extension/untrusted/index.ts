/**
 * Entry point of the Restricted Mode suite: scripts/test-extension.mjs runs it in a second harness
 * invocation with --untrusted, on its own copy of the quickstart.
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
