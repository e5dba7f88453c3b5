// The statement lexer against its oracle, PostgreSQL's own scanner (libpg-query's scanSync): the
// same statements, offsets, comments and tokens on every statement of the lint corpus, of a
// generated regression-like corpus and of a table of hard cases.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureParser } from '../../src/core/sql/parser';
import { splitStatements, splitStatementsWithScanner, SplitResult } from '../../src/core/sql/split';

const root = path.resolve(__dirname, '..', '..', '..');

/** What a split says, tokens read (so the lazy ones are built), and whether the scan failed. */
function view(r: SplitResult): unknown {
  return {
    statements: r.statements.map((s) => ({ index: s.index, kind: s.kind, text: s.text, start: s.start, end: s.end, endWithSemicolon: s.endWithSemicolon, comments: s.comments, tokens: s.tokens.map((t) => ({ ...t })) })),
    trailingComments: r.trailingComments,
    failed: r.scanError !== undefined,
  };
}

function assertSameSplit(text: string, where: string, from = 0, to = text.length): void {
  assert.deepEqual(view(splitStatements(text, from, to)), view(splitStatementsWithScanner(text, from, to)), where);
}

const HARD_CASES: [string, string][] = [
  ['semicolons in strings, identifiers and comments', `SELECT 'a;b', "c;d" -- e;f\n/* g; /* h; */ i; */ FROM t; SELECT 2`],
  ['doubled quotes', `SELECT 'it''s; fine', "a""b;c"; SELECT 1`],
  ['E strings with escaped quotes', `SELECT E'it\\'s; \\\\'; SELECT e'\\\\'; SELECT 1`],
  ['U&, B, X and N strings', `SELECT U&'d\\0061t;', B'10;', X'1F;', N'n;', U&"q;" ; SELECT 1`],
  ['a word ending in e before a string', `SELECT somee'x;y'; SELECT 1`],
  ['dollar quotes with and without tags', `SELECT $$a;b$$, $x$ $$ ; $y$ $x$, $1; SELECT a$b$c`],
  ['a dollar quote closed by a longer run of dollars', `SELECT $ab$x$a$y$ab$; SELECT 1`],
  ['BEGIN ATOMIC with CASE inside', `CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 1 ELSE 2 END; SELECT 3; END; SELECT 4`],
  ['psql meta-commands, indented and among statements', `SELECT 1;\n  \\set x 1\nSELECT :x;\n\\d t\n`],
  ['a backslash line inside a string', `SELECT 'a\n\\set x\n'; SELECT 2`],
  ['numbers of every form', `SELECT 1, 1.5, .5, 1e3, 1.5E-3, 0x1F, 0o17, 0b101, 1_000, 1..2; SELECT 1`],
  ['trailing junk after a number', `SELECT 123abc; SELECT 1`],
  ['an unterminated string', `SELECT 1; SELECT 'abc`],
  ['an unterminated comment', `SELECT 1; /* abc`],
  ['an unterminated dollar quote', `SELECT 1; SELECT $$ abc`],
  ['non-ASCII text and identifiers', `SELECT 'naïve café', ünïcode FROM "日本"; SELECT '😀;'; SELECT 1`],
  ['operators next to comments', `SELECT 2*/*c*/3, 1--2\n; SELECT 4 +-- x\n5`],
  ['CRLF line ends', `SELECT 1;\r\n-- c\r\nSELECT 2;\r\n\\echo x\r\nSELECT 3`],
  ['only comments', `-- a\n/* b */`],
];

describe('statement lexer', function () {
  // Whole-corpus and large-file cases: seconds on a loaded 2-core machine, past mocha's 2 s default.
  this.timeout(60000);
  before(() => ensureParser());

  for (const [name, sql] of HARD_CASES) {
    it(`splits as PostgreSQL's scanner does: ${name}`, () => assertSameSplit(sql, name));
  }

  it('splits a slice of a text as the scanner does, with offsets into the whole text', () => {
    const text = `-- header\nSELECT 1; SELECT 'x;y';\n-- DOWN\nSELECT 2;`;
    assertSameSplit(text, 'slice', 10, text.indexOf('-- DOWN'));
  });

  it('splits every file of the lint corpus and the test fixtures as the scanner does', () => {
    const dirs = [path.join(root, 'test', 'fixtures'), path.join(root, 'examples')];
    let files = 0;
    for (const dir of dirs) {
      for (const file of sqlFiles(dir)) {
        assertSameSplit(fs.readFileSync(file, 'utf8'), path.relative(root, file));
        files++;
      }
    }
    assert.ok(files >= 60, `${files} files checked`);
  });

  it('splits a generated regression-like corpus as the scanner does', async () => {
    const { writeRegressionCorpus } = await import(path.join(root, 'scripts', 'lib', 'regression-corpus.mjs'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-lexer-'));
    try {
      for (const file of writeRegressionCorpus(dir, { files: 12, bytesPerFile: 20_000, seed: 3 }) as string[]) {
        assertSameSplit(fs.readFileSync(file, 'utf8'), path.basename(file));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

function sqlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.sql'))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}
