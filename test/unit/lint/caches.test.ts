// The lint caches must never change what is reported: facts kept per statement follow an edit,
// facts kept per run are not carried into the next run, and the shared AST walk finds exactly what
// walking the tree finds.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DEFAULT_CONFIG } from '../../../src/core/config/config';
import { findAll, typeInfo } from '../../../src/core/lint/ast';
import { columnDefinitions } from '../../../src/core/lint/column-definitions';
import { schemaSnapshots } from '../../../src/core/model';
import { ensureParser, lintMigrationSet, parseMigrationSet } from '../../../src/core/lint/engine';
import { vectorFeatureVersion } from '../../../src/core/lint/rules/vector-feature-version';
import { memoByRun } from '../../../src/core/lint/statement-memo';
import { nodesOf, statementNodes, typeNamesOf } from '../../../src/core/lint/statement-nodes';
import type { ParsedMigration } from '../../../src/core/lint/types';
import { withMigrationSet } from './temp-migrations';

describe('lint caches', () => {
  before(() => ensureParser());

  it('reports what an edited statement now says, not what it said before', () => {
    const config = { ...DEFAULT_CONFIG, pgvectorVersion: '0.6.0' };
    const sql = (type: string) => `CREATE TABLE a (id bigint PRIMARY KEY);\nCREATE TABLE b (e ${type});\n`;
    withMigrationSet({ '0001_a.sql': sql('halfvec(3)') }, (set, dir) => {
      const file = path.join(dir, '0001_a.sql');
      const lint = (text: string) => lintMigrationSet(set, config, { rules: [vectorFeatureVersion], overrides: new Map([[file, text]]) })
        .map((f) => `${f.line}:${f.column} ${f.message.split(' needs')[0]}`);
      assert.deepEqual(lint(sql('halfvec(3)')), ['2:19 the halfvec type']);
      assert.deepEqual(lint(sql('vector(3)')), []);
      assert.deepEqual(lint(`-- moved down a line\n${sql('sparsevec(3)')}`), ['3:19 the sparsevec type']);
      assert.deepEqual(lint(sql('halfvec(3)')), ['2:19 the halfvec type']);
    });
  });

  it('reads a type name once, and an edited one anew', () => {
    const sql = (type: string) => `CREATE TABLE b (id bigint, e ${type});\n`;
    withMigrationSet({ '0001_a.sql': sql('vector(3)') }, (set, dir) => {
      const column = (text: string) => columnDefinitions(parseMigrationSet(set, new Map([[path.join(dir, '0001_a.sql'), text]]))).find((d) => d.name === 'e')!;
      const first = column(sql('vector(3)'));
      assert.equal(typeInfo(first.column.typeName), first.type, 'the definition and a rule share one reading');
      assert.deepEqual([column(sql('halfvec(8)')).type.name, column(sql('halfvec(8)')).type.dimensions], ['halfvec', 8]);
    });
  });

  it('finds column definitions per run, with the migrations of that run', () => {
    const files = { '0002_b.sql': 'CREATE TABLE b (id bigint);\n' };
    withMigrationSet(files, (set, dir) => {
      const first = parseMigrationSet(set);
      const withEarlier = parseMigrationSet(set, new Map([[path.join(dir, '0001_a.sql'), 'CREATE TABLE a (id bigint);\n']]));
      const [b] = columnDefinitions(first);
      const [a, bAgain] = columnDefinitions(withEarlier);
      assert.equal(b.migration, first.migrations[0]);
      assert.deepEqual([a.name, a.migration.index, bAgain.migration.index], ['id', 0, 1]);
      assert.equal(bAgain.migration, withEarlier.migrations[1], 'the definition belongs to this run\'s migration');
      assert.equal(columnDefinitions(first), columnDefinitions(first), 'the same run asks once');
    });
  });

  it('computes a per-run fact once per migrations array', () => {
    let computed = 0;
    const count = () => ++computed;
    const run: ParsedMigration[] = [];
    memoByRun('test', run, count);
    memoByRun('test', run, count);
    memoByRun('test', [], count);
    assert.equal(computed, 2);
  });

  it('keeps text facts for a statement that only moved, and not for one whose text changed', () => {
    const sql = 'CREATE TABLE a (id bigint);\nSELECT f(1);\n';
    withMigrationSet({ '0001_a.sql': sql }, (set, dir) => {
      const file = path.join(dir, '0001_a.sql');
      const select = (text: string) => parseMigrationSet(set, new Map([[file, text]])).migrations[0].up.statements[1];
      const before = select(sql);
      const moved = select(`-- a line above\n${sql}`);
      const edited = select(sql.replace('f(1)', 'g(1)'));
      assert.notEqual(moved, before, 'a moved statement is a new statement (its offsets changed)');
      assert.equal(statementNodes(moved), statementNodes(before));
      assert.notEqual(statementNodes(edited), statementNodes(before));
      assert.deepEqual(nodesOf(edited, 'FuncCall').map((f) => findAll(f.funcname, 'String')[0].sval), ['g']);
    });
  });

  it('gives each statement the schema its earlier statements built, from one build per run', () => {
    const sql = 'CREATE TABLE a (id bigint);\nINSERT INTO a VALUES (1);\nALTER TABLE a ADD COLUMN e vector(3);\nSELECT 1;\n';
    withMigrationSet({ '0001_a.sql': 'SELECT 1;\n', '0002_b.sql': sql }, (set) => {
      const parsed = parseMigrationSet(set);
      const snaps = schemaSnapshots(parsed.migrations);
      assert.equal(schemaSnapshots(parsed.migrations), snaps, 'one build per run');
      const m = parsed.migrations[1];
      const columns = m.up.statements.map((s) => [...(snaps.at(m, s).tables.get('public.a')?.columns.keys() ?? [])].join(','));
      assert.deepEqual(columns, ['', 'id', 'id', 'id,e']);
      assert.deepEqual([...snaps.after(m).tables.get('public.a')!.columns.keys()], ['id', 'e']);
      assert.equal(snaps.at(m, m.up.statements[0]).tables.size, 0);
      assert.throws(() => snaps.at(m, m.up.statements[3]).tables.set('public.b', snaps.after(m).tables.get('public.a')!), /read-only/);
    });
  });

  it('walks a statement once and finds what walking the tree finds, in the same order', () => {
    const sql = [
      "CREATE TABLE t (a int DEFAULT coalesce(f(1), g(2)), b text CHECK (length(b) < 3), e vector(3));",
      "SELECT x::halfvec(3) <-> '[1,2,3]', h(y) FROM t WHERE a + 1 > abs(a);",
      'ALTER DATABASE d SET hnsw.ef_search = 100;',
      'CREATE FUNCTION k(p numeric) RETURNS int8 LANGUAGE sql AS $$ SELECT 1 $$;',
    ].join('\n');
    withMigrationSet({ '0001_a.sql': sql }, (set) => {
      const statements = parseMigrationSet(set).migrations[0].up.statements;
      for (const stmt of statements) {
        for (const kind of ['FuncCall', 'A_Expr', 'TypeCast', 'ColumnRef', 'VariableSetStmt'] as const) {
          assert.deepEqual(nodesOf(stmt, kind), findAll(stmt.ast, kind), `${kind} in ${stmt.text}`);
        }
        assert.equal(statementNodes(stmt), statementNodes(stmt), 'walked once');
      }
      const typeNames = statements.map((s) => typeNamesOf(s).map((t) => findAll(t.names, 'String').map((n) => n.sval).join('.')));
      assert.deepEqual(typeNames, [['pg_catalog.int4', 'text', 'vector'], ['halfvec'], [], ['pg_catalog.numeric', 'int8']]);
      assert.deepEqual(statementNodes(statements[2]).setStmts.map((s) => s.name), ['hnsw.ef_search']);
    });
  });
});
