import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadMigrationSet, checksumOf } from '../../src/core/migrations/discover';
import { sectionText } from '../../src/core/migrations/types';
import { compareVersions, versionKey } from '../../src/core/migrations/version';
import { parseHeader } from '../../src/core/migrations/header';
import { tempProject, TempProject } from '../support/projects';

describe('discovering migrations', () => {
  let project: TempProject | undefined;
  afterEach(() => project?.cleanup());

  const load = (files: Record<string, string>) => {
    project = tempProject(files);
    return loadMigrationSet(project.migrationsDir);
  };
  const names = (files: string[]) => files.map((f) => path.basename(f));

  it('reads the default layout: header, UP and DOWN sections of one file', () => {
    const set = load({ '0001_create_documents.sql': '-- Migration: 0001_create_documents.sql\n-- Dependencies: none\n\n-- UP Migration\nCREATE TABLE d (id int);\n\n-- DOWN Migration\nDROP TABLE d;\n' });
    assert.equal(set.layout, 'default');
    const [m] = set.migrations;
    assert.equal(m.version, '0001');
    assert.equal(m.name, 'create_documents');
    assert.equal(sectionText(m.up).trim(), 'CREATE TABLE d (id int);');
    assert.equal(sectionText(m.down!).trim(), 'DROP TABLE d;');
    assert.equal(m.up.markerLine, 4);
    assert.equal(m.header.fields.migration.value, '0001_create_documents.sql');
  });

  it('reads plain files without markers as UP only', () => {
    const set = load({ '20240101000000_init.sql': 'CREATE TABLE a (id int);', '20240102000000_more.sql': 'CREATE TABLE b (id int);' });
    assert.equal(set.layout, 'plain');
    assert.deepEqual(set.migrations.map((m) => [m.version, sectionText(m.up), m.down]), [
      ['20240101000000', 'CREATE TABLE a (id int);', undefined],
      ['20240102000000', 'CREATE TABLE b (id int);', undefined],
    ]);
  });

  it('reads dbmate files, including transaction:false', () => {
    const set = load({ '20240101000000_idx.sql': '-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n\n-- migrate:down\nDROP INDEX i;\n' });
    assert.equal(set.layout, 'dbmate');
    const [m] = set.migrations;
    assert.equal(sectionText(m.up).trim(), 'CREATE INDEX CONCURRENTLY i ON t (a);');
    assert.equal(sectionText(m.down!).trim(), 'DROP INDEX i;');
    assert.equal(m.up.noTransaction, true);
  });

  it('pairs golang-migrate up and down files', () => {
    const set = load({ '1_init.up.sql': 'CREATE TABLE a (id int);', '1_init.down.sql': 'DROP TABLE a;', '2_more.up.sql': 'CREATE TABLE b (id int);' });
    assert.equal(set.layout, 'golang-migrate');
    assert.deepEqual(set.migrations.map((m) => [m.version, names(m.files), m.down ? sectionText(m.down) : null]), [
      ['1', ['1_init.up.sql', '1_init.down.sql'], 'DROP TABLE a;'],
      ['2', ['2_more.up.sql'], null],
    ]);
  });

  it('pairs Flyway V and U files and orders dotted versions numerically', () => {
    const set = load({ 'V1__init.sql': 'CREATE TABLE a (id int);', 'U1__init.sql': 'DROP TABLE a;', 'V1.10__later.sql': 'SELECT 1;', 'V1.2__earlier.sql': 'SELECT 2;' });
    assert.equal(set.layout, 'flyway');
    assert.deepEqual(set.migrations.map((m) => m.version), ['1', '1.2', '1.10']);
    assert.equal(sectionText(set.migrations[0].down!), 'DROP TABLE a;');
  });

  it('rejects a file it cannot place, naming the file and the expected name', () => {
    const set = load({ '0001_ok.sql': '-- UP Migration\nSELECT 1;', 'notes.sql': 'SELECT 1;' });
    assert.equal(set.problems.length, 1);
    assert.equal(path.basename(set.problems[0].file), 'notes.sql');
    assert.match(set.problems[0].fix!, /<version>_<name>\.sql/);
  });

  it('reports duplicate versions, even written with different zero padding', () => {
    const set = load({ '0001_a.sql': 'SELECT 1;', '1_b.sql': 'SELECT 2;' });
    assert.equal(set.problems[0].kind, 'duplicate-version');
    assert.match(set.problems[0].message, /version 1 is used twice: 0001_a\.sql and 1_b\.sql/);
  });

  it('reports empty and binary files instead of reading them as migrations', () => {
    project = tempProject({ '0001_empty.sql': '  \n' });
    require('node:fs').writeFileSync(path.join(project.migrationsDir, '0002_binary.sql'), Buffer.from([0x53, 0x00, 0xff, 0x01]));
    const set = loadMigrationSet(project.migrationsDir);
    assert.deepEqual(set.problems.map((p) => p.kind).sort(), ['binary', 'empty']);
    assert.equal(set.migrations.length, 0);
  });

  it('ignores files that are not SQL', () => {
    const set = load({ 'README.md': '# notes', '0001_a.sql': 'SELECT 1;' } as Record<string, string>);
    assert.equal(set.problems.length, 0);
    assert.equal(set.migrations.length, 1);
  });

  it('gives an empty set for a directory that does not exist', () => {
    const set = loadMigrationSet('/nonexistent/pgvm/migrations');
    assert.deepEqual([set.migrations, set.problems], [[], []]);
  });
});

describe('versions and checksums', () => {
  it('orders versions by number, not by text', () => {
    assert.deepEqual(['10', '9', '0002', '1.10', '1.9'].sort(compareVersions), ['1.9', '1.10', '0002', '9', '10']);
  });
  it('treats zero padding as the same version', () => assert.equal(versionKey('0003'), versionKey('3')));
  for (const [a, b, same] of [['0', '0000', true], ['1.0', '1', true], ['1_2', '1.2', true], ['1.0.1', '1.1', false], ['10', '1', false]] as const) {
    it(`${same ? 'equates' : 'tells apart'} versions ${a} and ${b}, as their order does`, () => {
      assert.equal(versionKey(a) === versionKey(b), same);
      assert.equal(compareVersions(a, b) === 0, same);
    });
  }
  it('ignores line endings and surrounding white space in checksums', () => {
    assert.equal(checksumOf('SELECT 1;\r\nSELECT 2;\r\n'), checksumOf('\nSELECT 1;\nSELECT 2;'));
  });
  it('changes the checksum when the SQL changes', () => assert.notEqual(checksumOf('SELECT 1;'), checksumOf('SELECT 2;')));
  const same: [string, string, string][] = [
    ['a comment line added before a statement', 'CREATE TABLE t (id int);\nALTER TABLE t ADD c int;', 'CREATE TABLE t (id int);\n-- pgvector-migrator-disable-next-line drop-column\nALTER TABLE t ADD c int;'],
    ['blank lines and indentation between statements', 'SELECT 1;\nSELECT 2;', '\n\n  SELECT 1;\n\n\n    SELECT 2;  \n'],
    ['a block comment and a trailing comment', 'SELECT 1;', '/* note /* nested */ */ SELECT 1; -- done'],
    ['the last statement without its semicolon', 'SELECT 1;\nSELECT 2;', 'SELECT 1;\nSELECT 2'],
  ];
  for (const [what, a, b] of same) it(`keeps the checksum for ${what}`, () => assert.equal(checksumOf(a), checksumOf(b)));
  const differ: [string, string, string][] = [
    ['a comment marker inside a string', "SELECT 'a -- b';", "SELECT 'a ';"],
    ['a semicolon and comment inside a dollar-quoted body', 'DO $$ BEGIN PERFORM 1; -- x\nEND $$;', 'DO $$ BEGIN PERFORM 1;\nEND $$;'],
    ['white space inside a statement', 'SELECT 1, 2;', 'SELECT 1,2;'],
    ['a quoted identifier holding a semicolon', 'SELECT 1 AS ";";', 'SELECT 1 AS ";--";'],
  ];
  for (const [what, a, b] of differ) it(`changes the checksum for ${what}`, () => assert.notEqual(checksumOf(a), checksumOf(b)));
});

describe('reading the migration header', () => {
  it('reads fields with their lines and splits dependencies', () => {
    const h = parseHeader('-- Migration: 0003_x.sql\n-- Description: why\n-- Dependencies: 0001_a.sql, 0002_b.sql\n\n-- UP Migration\n-- Author: not header\n');
    assert.deepEqual(h.dependencies, ['0001_a.sql', '0002_b.sql']);
    assert.equal(h.fields.description.line, 2);
    assert.equal(h.fields.author, undefined);
  });
  it('reads "none" as no dependencies', () => assert.deepEqual(parseHeader('-- Dependencies: none\n').dependencies, []));
});
