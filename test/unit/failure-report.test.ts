import * as assert from 'node:assert/strict';
import { loadMigrationSet } from '../../src/core/migrations/discover';
import { MigrationFailure } from '../../src/core/runner/execute';
import { failureText, reportFailure } from '../../src/core/runner/failure-report';
import { migrationFile, tempProject } from '../support/projects';

describe('reporting a failed migration in its file', () => {
  it('spans the failing statement and carries the server\'s message, SQLSTATE, detail and hint', () => {
    const up = 'CREATE TABLE a (id int);\nINSERT INTO missing\n  VALUES (1);';
    const project = tempProject({ '0001_a.sql': migrationFile(up, 'DROP TABLE a;') });
    try {
      const m = loadMigrationSet(project.migrationsDir).migrations[0];
      const start = m.up.fileText.indexOf('INSERT');
      const end = m.up.fileText.indexOf('(1);') + 4;
      const failure = new MigrationFailure('0001_a.sql failed at statement 2 of UP: relation "missing" does not exist', m, 'up', { index: 1, start, end }, 'rolled-back', {
        sqlstate: '42P01', detail: 'seen at postgres://me:hunter2@db/app', hint: 'create it first',
      });
      const report = reportFailure(failure);
      const line = m.up.fileText.slice(0, start).split('\n').length;
      assert.equal(report.file, m.up.file);
      assert.deepEqual(report.span, { startLine: line, startColumn: 1, endLine: line + 1, endColumn: 14 });
      assert.equal(failureText(report), [
        '0001_a.sql failed at statement 2 of UP: relation "missing" does not exist',
        'SQLSTATE 42P01',
        'detail: seen at postgres://me:***@db/app',
        'hint: create it first',
      ].join('\n'));
    } finally {
      project.cleanup();
    }
  });

  it('points at the DOWN file of a two-file layout when the DOWN section failed', () => {
    const project = tempProject({ '1_a.up.sql': 'CREATE TABLE a (id int);\n', '1_a.down.sql': 'DROP TABLE nope;\n' });
    try {
      const m = loadMigrationSet(project.migrationsDir).migrations[0];
      const failure = new MigrationFailure('failed', m, 'down', { index: 0, start: 0, end: 16 }, 'rolled-back', {});
      const report = reportFailure(failure);
      assert.equal(report.file, m.down!.file);
      assert.deepEqual(report.span, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 17 });
    } finally {
      project.cleanup();
    }
  });
});
