// `lint` the way linters are used: any SQL file whatever its name, globs, standard input, the
// output formats and flags CI and pre-commit read, and the cache — through the real main().
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import type { CliIo } from '../../src/cli/command';
import { cacheKey, readCache, writeCache } from '../../src/cli/lint-cache';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(cwd: string, argv: string[], stdin?: string): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), cwd, env: {}, signal: new AbortController().signal, readStdin: stdin === undefined ? undefined : () => stdin };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-lint-files-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const WARNS = 'CREATE TABLE t (id int);\n'; // missing-primary-key and prefer-bigint-over-int
const BROKEN = 'SELECT 1 FROM;\n';

const rulesOf = (r: Run): string[] => (JSON.parse(r.out) as { rule: string }[]).map((f) => f.rule).sort();

describe('lint on any SQL file', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const make = (files: Record<string, string>): string => {
    const d = folder(files);
    dirs.push(d);
    return d;
  };

  it('checks every rule on a file whose name is no migration name, without a config, and says once that defaults apply', async () => {
    const cwd = make({ 'schema.sql': WARNS, 'advisory_lock.sql': BROKEN });
    const r = await run(cwd, ['lint', 'schema.sql', 'advisory_lock.sql', '--format', 'json']);
    assert.equal(r.code, 1);
    assert.deepEqual(rulesOf(r), ['missing-primary-key', 'prefer-bigint-over-int', 'syntax-error']);
    assert.equal(r.err.match(/default settings/g)?.length, 1, r.err);
  });

  it('expands globs, and exits 2 saying so when a glob matches nothing', async () => {
    const cwd = make({ 'sql/a.sql': WARNS, 'sql/deep/b.sql': BROKEN, 'sql/c.txt': BROKEN });
    const r = await run(cwd, ['lint', 'sql/**/*.sql', '--format', 'json']);
    assert.deepEqual([...new Set((JSON.parse(r.out) as { file: string }[]).map((f) => f.file))].sort(), ['sql/a.sql', 'sql/deep/b.sql']);
    const none = await run(cwd, ['lint', 'other/*.sql']);
    assert.equal(none.code, 2);
    assert.match(none.err, /no files match the pattern other\/\*\.sql/);
  });

  it('lints standard input under the name --stdin-filename gives', async () => {
    const r = await run(make({}), ['lint', '-', '--stdin-filename', 'db/new.sql', '--format', 'json'], BROKEN);
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.out).map((f: { file: string; line: number; rule: string }) => [f.file, f.line, f.rule]), [['db/new.sql', 1, 'syntax-error']]);
  });

  it('prints GitHub workflow annotations with escaped messages', async () => {
    const r = await run(make({ 'a.sql': WARNS }), ['lint', 'a.sql', '--format', 'github']);
    assert.equal(r.code, 0);
    const lines = r.out.split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^::warning file=a\.sql,line=1,col=\d+,endLine=1,endColumn=\d+,title=[a-z-]+::[^\n]+%0A/);
  });

  const exitCases: [string, string[], string, number][] = [
    ['warnings only exit 0', [], WARNS, 0],
    ['more warnings than --max-warnings exit 1', ['--max-warnings', '1'], WARNS, 1],
    ['as many warnings as --max-warnings exit 0', ['--max-warnings', '2'], WARNS, 0],
    ['an error exits 1', [], BROKEN, 1],
    ['--quiet hides warnings and does not count them', ['--quiet', '--max-warnings', '0'], WARNS, 0],
    ['a --max-warnings that is no number exits 2', ['--max-warnings', 'many'], WARNS, 2],
  ];
  for (const [name, flags, sql, code] of exitCases) {
    it(`exits as eslint does: ${name}`, async () => {
      const r = await run(make({ 'a.sql': sql }), ['lint', 'a.sql', '--format', 'json', ...flags]);
      assert.equal(r.code, code, r.err);
      if (flags.includes('--quiet')) assert.deepEqual(JSON.parse(r.out), []);
    });
  }

  it('runs the pre-commit hook as .pre-commit-hooks.yaml declares it, on a fixture', async () => {
    const hooks = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '.pre-commit-hooks.yaml'), 'utf8');
    const entry = /^\s*entry:\s*(.+)$/m.exec(hooks)?.[1].trim().split(/\s+/) ?? [];
    const files = new RegExp(/^\s*files:\s*(.+)$/m.exec(hooks)?.[1].trim() ?? '$^');
    assert.equal(entry[0], 'pgvector-migrator');
    const cwd = make({ 'db/0001_bad.sql': BROKEN, 'README.md': '# not SQL' });
    const staged = ['db/0001_bad.sql', 'README.md'].filter((f) => files.test(f));
    const r = await run(cwd, [...entry.slice(1), ...staged]);
    assert.deepEqual(staged, ['db/0001_bad.sql']);
    assert.equal(r.code, 1);
    assert.match(r.out, /db\/0001_bad\.sql:1:\d+: error\[syntax-error\]/);
  });
});

describe('lint --cache', () => {
  let cwd: string;
  const cacheFile = (): string => path.join(cwd, '.pgvector-migrator', 'lint-cache.json');
  /** Marks the cached run, so that the next run shows whether it answered from the cache. */
  const mark = (): void => {
    const cached = JSON.parse(fs.readFileSync(cacheFile(), 'utf8'));
    cached.output = JSON.stringify([{ message: 'FROM CACHE' }]);
    fs.writeFileSync(cacheFile(), JSON.stringify(cached));
  };
  const lint = async (): Promise<string> => (await run(cwd, ['lint', 'db', '--cache', '--format', 'json'])).out;

  beforeEach(() => {
    cwd = folder({ 'db/0001_a.sql': WARNS });
  });
  afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

  it('answers a second run over unchanged files from the cache file', async () => {
    await lint();
    mark();
    assert.match(await lint(), /FROM CACHE/);
  });

  it('lints again when a file of the set changes, or one is added', async () => {
    await lint();
    mark();
    fs.writeFileSync(path.join(cwd, 'db', '0001_a.sql'), WARNS + '-- edited\n');
    assert.doesNotMatch(await lint(), /FROM CACHE/);
    mark();
    fs.writeFileSync(path.join(cwd, 'db', '0002_b.sql'), 'SELECT 1;\n');
    assert.doesNotMatch(await lint(), /FROM CACHE/);
  });

  it('lints again when the config changes', async () => {
    await lint();
    mark();
    fs.writeFileSync(path.join(cwd, 'pgvector-migrator.json'), JSON.stringify({ rules: { 'prefer-bigint-over-int': 'off' } }));
    const out = await lint();
    assert.doesNotMatch(out, /FROM CACHE/);
    assert.doesNotMatch(out, /prefer-bigint-over-int/);
  });

  it('writes where --cache-location says', async () => {
    await run(cwd, ['lint', 'db', '--cache', '--cache-location', 'cache/lint.json', '--format', 'json']);
    assert.ok(fs.existsSync(path.join(cwd, 'cache', 'lint.json')));
  });

  it('keys the cache by the tool version: another version misses it', () => {
    const inputs = { toolVersion: '1.0.0', ruleIds: ['a'], config: {}, request: {}, files: [{ file: '/x.sql', text: 'SELECT 1' }] };
    const location = path.join(cwd, 'c.json');
    writeCache(location, { key: cacheKey(inputs), output: '', errors: 0, warnings: 0 });
    assert.ok(readCache(location, cacheKey(inputs)));
    assert.equal(readCache(location, cacheKey({ ...inputs, toolVersion: '1.0.1' })), undefined);
    assert.equal(readCache(location, cacheKey({ ...inputs, ruleIds: ['a', 'b'] })), undefined);
  });
});
