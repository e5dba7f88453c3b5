// Writes test/fixtures/lint-corpus/: the SQL of every single-file case of the rule tests
// (valid and invalid), one migration file a rule, so that the findings snapshot covers every
// kind of statement the rules read. Run after `tsc` when rule tests gain cases:
//   node test/support/make-lint-corpus.cjs && node test/support/make-lint-corpus.cjs --snapshot
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const out = path.join(root, 'out');
const corpus = path.join(root, 'test', 'fixtures', 'lint-corpus');

if (process.argv.includes('--snapshot')) {
  require(path.join(out, 'test', 'support', 'lint-corpus-snapshot.js')).writeSnapshot(corpus).then(() => console.log('snapshot written'));
} else {
  const tester = require(path.join(out, 'test', 'unit', 'lint', 'rule-tester.js'));
  const byRule = new Map();
  tester.ruleTester = (rule, tests) => byRule.set(rule.meta.id, tests);
  global.describe = (_n, fn) => fn();
  global.it = () => {};
  global.before = () => {};
  const dir = path.join(out, 'test', 'unit', 'lint', 'rules');
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) require(path.join(dir, f));
  fs.rmSync(corpus, { recursive: true, force: true });
  fs.mkdirSync(corpus, { recursive: true });
  let n = 0;
  for (const [id, tests] of [...byRule].sort()) {
    const sqls = [...tests.valid, ...tests.invalid]
      .map((c) => (typeof c === 'string' ? c : c.sql))
      .filter((sql) => typeof sql === 'string' && !/^\s*--\s*(migrate:|\+goose)/m.test(sql));
    if (sqls.length === 0) continue;
    n++;
    const name = `${String(n).padStart(4, '0')}_${id.replace(/-/g, '_')}.sql`;
    const body = sqls.map((s) => s.trimEnd().replace(/;?$/, ';')).join('\n\n');
    fs.writeFileSync(path.join(corpus, name), `-- Migration: ${name}\n-- Description: the rule tests' SQL for ${id}\n\n-- UP Migration\n${body}\n`);
  }
  // Then statements of every kind the regression suite writes, from the benchmark's generator.
  import(path.join(root, 'scripts', 'lib', 'regression-corpus.mjs')).then(({ writeRegressionCorpus }) => {
    const tmp = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'lint-corpus-'));
    for (const file of writeRegressionCorpus(tmp, { files: 4, bytesPerFile: 6000, seed: 7 })) {
      n++;
      fs.copyFileSync(file, path.join(corpus, `${String(n).padStart(4, '0')}_regression_like.sql`));
    }
    fs.rmSync(tmp, { recursive: true, force: true });
    console.log(`${n} files`);
  });
}
