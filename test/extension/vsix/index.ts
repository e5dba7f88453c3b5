/**
 * Entry point of the packaged-extension suite: scripts/test-extension.mjs installs
 * pgvector-migrator.vsix into a fresh code-server (no development extension) and runs this.
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
