import * as assert from 'node:assert/strict';
import { ensureParser } from '../../src/core/sql/parser';
import { splitStatements } from '../../src/core/sql/split';
import { nonTransactionalReason, transactionControl } from '../../src/core/sql/classify';

describe('splitting SQL into statements', () => {
  before(ensureParser);

  const texts = (sql: string) => splitStatements(sql).statements.map((s) => s.text);

  const cases: { what: string; sql: string; expected: string[] }[] = [
    { what: 'plain statements', sql: 'SELECT 1; SELECT 2;', expected: ['SELECT 1', 'SELECT 2'] },
    { what: 'a last statement without semicolon', sql: 'SELECT 1;\nSELECT 2', expected: ['SELECT 1', 'SELECT 2'] },
    { what: 'semicolons inside $$ bodies', sql: "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; SELECT 2; $$ LANGUAGE sql; SELECT 3;", expected: ["CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; SELECT 2; $$ LANGUAGE sql", 'SELECT 3'] },
    { what: 'semicolons inside tagged $fn$ bodies', sql: 'DO $fn$ BEGIN PERFORM 1; END $fn$; SELECT 2;', expected: ['DO $fn$ BEGIN PERFORM 1; END $fn$', 'SELECT 2'] },
    { what: 'BEGIN ATOMIC bodies with CASE ... END inside', sql: 'CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END; SELECT 2; END; SELECT 3;', expected: ['CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END; SELECT 2; END', 'SELECT 3'] },
    { what: 'quoted identifiers holding semicolons', sql: 'CREATE TABLE "a;b" (id int); SELECT 1;', expected: ['CREATE TABLE "a;b" (id int)', 'SELECT 1'] },
    { what: "E'' strings with escaped quotes and semicolons", sql: "SELECT E'it\\'s; fine'; SELECT 2;", expected: ["SELECT E'it\\'s; fine'", 'SELECT 2'] },
    { what: 'standard strings with doubled quotes', sql: "SELECT 'a'';b'; SELECT 2;", expected: ["SELECT 'a'';b'", 'SELECT 2'] },
    { what: 'line comments holding semicolons', sql: 'SELECT 1; -- not; a statement\nSELECT 2;', expected: ['SELECT 1', 'SELECT 2'] },
    { what: 'nested block comments holding semicolons', sql: 'SELECT 1; /* outer /* inner; */ still; */ SELECT 2;', expected: ['SELECT 1', 'SELECT 2'] },
    { what: 'empty statements', sql: ';;SELECT 1;;', expected: ['SELECT 1'] },
    { what: 'a text of only comments', sql: '-- nothing here\n/* or here */', expected: [] },
  ];
  for (const c of cases) {
    it(`keeps ${c.what} intact`, () => assert.deepEqual(texts(c.sql), c.expected));
  }

  it('gives offsets that slice the statement out of the source', () => {
    const sql = '-- header\nCREATE TABLE t (id int);\n\n  SELECT 1 ;';
    for (const s of splitStatements(sql).statements) assert.equal(sql.slice(s.start, s.end), s.text);
  });

  it('counts offsets in characters when the text holds multi-byte characters', () => {
    const sql = "-- café ☕ 😀\nSELECT 'é'; SELECT 2;";
    const [first, second] = splitStatements(sql).statements;
    assert.equal(sql.slice(first.start, first.end), "SELECT 'é'");
    assert.equal(sql.slice(second.start, second.end), 'SELECT 2');
  });

  it('offsets a sub-range of a larger text into that text', () => {
    const source = 'ignored; SELECT 1; SELECT 2;';
    const result = splitStatements(source, 9);
    assert.deepEqual(result.statements.map((s) => source.slice(s.start, s.end)), ['SELECT 1', 'SELECT 2']);
  });

  it('turns psql meta-commands into meta statements instead of failing', () => {
    const result = splitStatements("\\set ON_ERROR_STOP on\nSELECT 1;\n\\i other.sql\n");
    assert.deepEqual(result.statements.map((s) => [s.kind, s.text]), [['meta', '\\set ON_ERROR_STOP on'], ['sql', 'SELECT 1'], ['meta', '\\i other.sql']]);
  });

  it('does not take a backslash line inside a string for a meta-command', () => {
    const result = splitStatements("SELECT $$\n\\not a command\n$$;");
    assert.deepEqual(result.statements.map((s) => s.kind), ['sql']);
  });

  it('reports an unterminated string as a scan error and keeps the text as one statement', () => {
    const result = splitStatements("SELECT 1; SELECT 'open");
    assert.ok(result.scanError);
    assert.equal(result.statements.length, 1);
  });

  it('keeps the comments before a statement with it', () => {
    const [s] = splitStatements('-- pgvector-migrator-disable-next-line x\nSELECT 1;').statements;
    assert.equal(s.comments[0].text, '-- pgvector-migrator-disable-next-line x');
  });
});

describe('classifying statements for the runner', () => {
  before(ensureParser);
  const one = (sql: string) => splitStatements(sql).statements[0];

  const controls: [string, string | undefined][] = [
    ['BEGIN', 'begin'], ['BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE', 'begin'], ['START TRANSACTION', 'begin'],
    ['COMMIT', 'commit'], ['END', 'commit'], ['ROLLBACK', 'rollback'], ['ABORT', 'rollback'],
    ['SAVEPOINT a', 'savepoint'], ['ROLLBACK TO SAVEPOINT a', 'savepoint'], ['RELEASE a', 'savepoint'],
    ['SELECT 1', undefined], ['CREATE TABLE begin_x (id int)', undefined],
  ];
  for (const [sql, expected] of controls) {
    it(`sees "${sql}" as ${expected ?? 'not'} transaction control`, () => assert.equal(transactionControl(one(sql)), expected));
  }

  const nonTx: [string, boolean][] = [
    ['CREATE INDEX CONCURRENTLY i ON t (a)', true], ['CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)', true],
    ['DROP INDEX CONCURRENTLY i', true], ['REINDEX INDEX CONCURRENTLY i', true], ['VACUUM ANALYZE t', true],
    ['ALTER SYSTEM SET work_mem = 1', true], ['CREATE DATABASE d', true],
    ['CREATE INDEX i ON t (a)', false], ['CREATE TABLE "concurrently" (id int)', false], ['ANALYZE t', false],
  ];
  for (const [sql, expected] of nonTx) {
    it(`${expected ? 'runs' : 'does not need to run'} "${sql}" outside a transaction`, () => assert.equal(nonTransactionalReason(one(sql)) !== undefined, expected));
  }
});
