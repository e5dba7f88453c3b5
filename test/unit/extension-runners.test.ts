// The two ways to run the extension-host suite, code-server (scripts/test-extension.mjs) and
// @vscode/test-electron (scripts/test-electron.mjs), must run the same mocha suite.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function suiteIndexOf(script: string, suite: string): string {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts', script), '--print-suite-index', '--suite', suite], { cwd: ROOT, encoding: 'utf8' });
  const [name, index] = out.trim().split(' ');
  assert.equal(name, suite);
  return index;
}

describe('the extension-host test runners', () => {
  for (const suite of ['trusted', 'untrusted', 'multiroot']) {
    it(`load the same ${suite} suite index in code-server and through @vscode/test-electron`, () => {
      const codeServer = suiteIndexOf('test-extension.mjs', suite);
      const electron = suiteIndexOf('test-electron.mjs', suite);
      assert.equal(electron, codeServer);
      assert.ok(path.isAbsolute(codeServer) && codeServer.startsWith(path.join(ROOT, 'out', 'test', 'extension')), codeServer);
      assert.ok(fs.existsSync(codeServer.replace(/^(.*)[/\\]out[/\\](.*)\.js$/, '$1/$2.ts')), `${codeServer} is compiled from a source file`);
    });
  }

  it('has @vscode/test-electron installed as a dev dependency, exporting runTests', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    assert.ok(pkg.devDependencies['@vscode/test-electron']);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    assert.equal(typeof require(require.resolve('@vscode/test-electron', { paths: [ROOT] })).runTests, 'function');
  });
});
