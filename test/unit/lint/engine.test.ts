import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DEFAULT_CONFIG, ProjectConfig, Severity } from '../../../src/core/config/config';
import { ensureParser, lintMigrationSet } from '../../../src/core/lint/engine';
import { parseCacheSize } from '../../../src/core/lint/parse-cache';
import { syntaxError } from '../../../src/core/lint/rules/syntax-error';
import { psqlMetaCommand } from '../../../src/core/lint/rules/psql-meta-command';
import type { Finding } from '../../../src/core/lint/types';
import { withMigrationSet } from './temp-migrations';

function config(rules: Record<string, Severity> = {}): ProjectConfig {
  return { ...DEFAULT_CONFIG, rules: Object.fromEntries(Object.entries(rules).map(([k, v]) => [k, { severity: v }])), extra: {} };
}

const brief = (f: Finding) => `${path.basename(f.file)}:${f.line}:${f.column} ${f.severity}[${f.rule}]`;

function lint(files: Record<string, string>, rules: Record<string, Severity> = {}, overrides?: (dir: string) => Map<string, string>): string[] {
  return withMigrationSet(files, (set, dir) =>
    lintMigrationSet(set, config(rules), { rules: [syntaxError, psqlMetaCommand], overrides: overrides?.(dir) }).map(brief));
}

describe('lint engine', () => {
  before(() => ensureParser());

  const disableCases: { name: string; sql: string; expected: string[] }[] = [
    { name: 'silences the named rule on the next statement', sql: '-- pgvector-migrator-disable-next-line syntax-error\nSELEC 1;\nSELEC 2;', expected: ['0001_a.sql:3:1 error[syntax-error]'] },
    { name: 'silences every rule when it names none', sql: '-- pgvector-migrator-disable-next-line\nSELEC 1;', expected: [] },
    { name: 'leaves other rules alone', sql: '-- pgvector-migrator-disable-next-line psql-meta-command\nSELEC 1;', expected: ['0001_a.sql:2:1 error[syntax-error]'] },
    { name: 'accepts a list of rule ids', sql: '-- pgvector-migrator-disable-next-line psql-meta-command, syntax-error\nSELEC 1;', expected: [] },
    { name: 'silences a multi-line statement when the error is on a later line', sql: '-- pgvector-migrator-disable-next-line syntax-error\nCREATE TABLE t (\n  a int,\n);', expected: [] },
    { name: 'does nothing from inside a string literal', sql: "SELECT '-- pgvector-migrator-disable-next-line syntax-error';\nSELEC 1;", expected: ['0001_a.sql:2:1 error[syntax-error]'] },
  ];
  for (const c of disableCases) {
    it(`disable-next-line ${c.name}`, () => {
      assert.deepEqual(lint({ '0001_a.sql': c.sql }), c.expected);
    });
  }

  it('takes severities from the config, and runs no rule that is off', () => {
    const files = { '0001_a.sql': '\\set x 1\nSELEC 1;' };
    assert.deepEqual(lint(files), ['0001_a.sql:1:1 info[psql-meta-command]', '0001_a.sql:2:1 error[syntax-error]']);
    assert.deepEqual(lint(files, { 'syntax-error': 'warning', 'psql-meta-command': 'off' }), ['0001_a.sql:2:1 warning[syntax-error]']);
  });

  it('lints unsaved editor text instead of the file on disk', () => {
    const files = { '0001_a.sql': 'SELECT 1;' };
    assert.deepEqual(lint(files, {}, (dir) => new Map([[path.join(dir, '0001_a.sql'), 'SELECT 1;\nSELEC 2;']])), ['0001_a.sql:2:1 error[syntax-error]']);
  });

  it('lints a new migration that exists only in the editor', () => {
    const files = { '0001_a.sql': 'SELECT 1;' };
    assert.deepEqual(lint(files, {}, (dir) => new Map([[path.join(dir, '0002_b.sql'), '\n\nSELEC 2;']])), ['0002_b.sql:3:1 error[syntax-error]']);
  });

  it('returns the same findings from cached parses after an edit elsewhere in the file', () => {
    const body = Array.from({ length: 300 }, (_, i) => `CREATE TABLE t${i} (id bigint PRIMARY KEY, v text);`).join('\n');
    const original = `${body}\nSELEC 1;\n`;
    const edited = `-- a comment added at the top\n${body.replace('t0 ', 't0_renamed ')}\nSELEC 1;\n`;
    const first = lint({ '0001_a.sql': original });
    const cachedBefore = parseCacheSize();
    const second = lint({ '0001_a.sql': original }, {}, (dir) => new Map([[path.join(dir, '0001_a.sql'), edited]]));
    assert.deepEqual(first, ['0001_a.sql:301:1 error[syntax-error]']);
    assert.deepEqual(second, ['0001_a.sql:302:1 error[syntax-error]'], 'the unchanged statement is found one line lower');
    assert.ok(parseCacheSize() <= cachedBefore + 1, 'only the edited statement was parsed again');
  });
});
