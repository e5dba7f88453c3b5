// The extension-host suites and the compiled test index each one loads: the one list that both
// runners read, code-server's (scripts/test-extension.mjs) and @vscode/test-electron's
// (scripts/test-electron.mjs), so that they always run the same mocha suite.
import path from 'node:path';

export const SUITES = ['trusted', 'untrusted', 'multiroot', 'vsix'];

/** The compiled index module (exporting run()) that VS Code loads as extensionTestsPath. */
export function suiteIndex(root, suite = 'trusted') {
  if (!SUITES.includes(suite)) throw new Error(`unknown suite ${suite}: one of ${SUITES.join(', ')}`);
  const dir = path.join(root, 'out', 'test', 'extension');
  return suite === 'trusted' ? path.join(dir, 'index.js') : path.join(dir, suite, 'index.js');
}
