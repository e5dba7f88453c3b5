import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureParser, EditorFix, LintSessions } from '../../../src/core/editor/lint-session';
import { applyEdits } from '../../../src/core/format/migration-format';
import { clearParseCache, parseCacheSize } from '../../../src/core/lint/parse-cache';

const NOTES = [
  '-- Migration: 0004_add_notes.sql',
  '-- Description: notes with their own embeddings',
  '-- Dependencies: 0003_create_chunks.sql',
  '-- Author: test',
  '-- Date: 2026-01-06',
  '',
  '-- UP Migration',
  'BEGIN;',
  'CREATE TABLE IF NOT EXISTS notes (',
  '    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,',
  '    embedding vector(768) NOT NULL',
  ');',
  'COMMIT;',
  '',
  '-- DOWN Migration',
  'BEGIN;',
  'DROP TABLE IF EXISTS notes;',
  'COMMIT;',
  '',
].join('\n');

/** A copy of examples/quickstart (embedding.dimensions 1536) in a temp folder. */
function quickstartCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-editor-'));
  const source = path.resolve(__dirname, '../../../../examples/quickstart');
  fs.copyFileSync(path.join(source, 'pgvector-migrator.json'), path.join(dir, 'pgvector-migrator.json'));
  fs.cpSync(path.join(source, 'db'), path.join(dir, 'db'), { recursive: true });
  return dir;
}

function applyFix(text: string, fix: EditorFix | undefined): string {
  assert.ok(fix, 'a fix is offered');
  return applyEdits(text, fix.edits);
}

describe('editor lint sessions', () => {
  let dir: string;
  let notes: string;
  before(ensureParser);
  beforeEach(() => {
    dir = quickstartCopy();
    notes = path.join(dir, 'db', 'migrations', '0004_add_notes.sql');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the project owning a migration by the nearest pgvector-migrator.json', () => {
    const sessions = new LintSessions(() => []);
    const session = sessions.sessionFor(path.join(dir, 'db', 'migrations', '0001_enable_pgvector.sql'));
    assert.equal(session?.migrationsDir, path.join(dir, 'db', 'migrations'));
    assert.equal(session.project.config.embedding.dimensions, 1536);
  });

  it('leaves SQL files outside the migrations directory alone', () => {
    const sessions = new LintSessions(() => [dir]);
    assert.equal(sessions.sessionFor(path.join(dir, 'queries', 'search.sql')), undefined);
    assert.equal(sessions.sessionFor(path.join(dir, 'db', 'migrations', 'archive', '0001_old.sql')), undefined);
  });

  it("lints a workspace folder's db/migrations with the defaults when there is no config file", () => {
    fs.rmSync(path.join(dir, 'pgvector-migrator.json'));
    const sessions = new LintSessions(() => [dir]);
    assert.equal(sessions.sessionFor(notes)?.migrationsDir, path.join(dir, 'db', 'migrations'));
    assert.equal(new LintSessions(() => []).sessionFor(notes), undefined);
  });

  it('reports the unsaved text of an open document at the exact range, with the fix as 1-based spans', () => {
    const session = new LintSessions(() => [dir]).sessionFor(notes)!;
    const found = session.lint(new Map([[notes, NOTES]])).byFile.get(notes)!;
    const mismatch = found.find((f) => f.finding.rule === 'vector-dimension-mismatch');
    assert.ok(mismatch, `vector-dimension-mismatch among ${found.map((f) => f.finding.rule).join(', ')}`);
    const f = mismatch.finding;
    assert.deepEqual([f.line, f.column, f.endLine, f.endColumn], [11, 15, 11, 26]);
    assert.equal(NOTES.slice(f.start, f.end), 'vector(768)');
    assert.match(f.message, /^embedding is vector\(768\) but the project's embeddings are 1536-dimensional \(pgvector-migrator.json\)/);
    assert.equal(mismatch.fix?.title, 'Change to vector(1536)');
    assert.deepEqual(mismatch.fix?.edits.map((e) => [e.newText, e.span]), [['1536', { line: 11, column: 22, endLine: 11, endColumn: 25 }]]);
  });

  it('clears the finding once its fix is applied', () => {
    const session = new LintSessions(() => [dir]).sessionFor(notes)!;
    const mismatch = session.lint(new Map([[notes, NOTES]])).byFile.get(notes)!.find((f) => f.finding.rule === 'vector-dimension-mismatch');
    const fixed = applyFix(NOTES, mismatch?.fix);
    assert.match(fixed, /embedding vector\(1536\) NOT NULL/);
    const after = session.lint(new Map([[notes, fixed]])).byFile.get(notes)!;
    assert.deepEqual(after.filter((f) => f.finding.rule === 'vector-dimension-mismatch'), []);
  });

  it('clears the finding once its disable-next-line fix is applied, and only that one', () => {
    const session = new LintSessions(() => [dir]).sessionFor(notes)!;
    const before = session.lint(new Map([[notes, NOTES]])).byFile.get(notes)!;
    const mismatch = before.find((f) => f.finding.rule === 'vector-dimension-mismatch');
    const silenced = applyFix(NOTES, mismatch?.disable);
    assert.match(silenced, /\n {4}-- pgvector-migrator-disable-next-line vector-dimension-mismatch\n {4}embedding vector\(768\)/);
    const after = session.lint(new Map([[notes, silenced]])).byFile.get(notes)!.map((f) => f.finding.rule);
    assert.deepEqual(after, before.map((f) => f.finding.rule).filter((r) => r !== 'vector-dimension-mismatch'));
  });

  it('lints a new migration that exists only in the editor, and forgets it when the editor closes it', () => {
    const session = new LintSessions(() => [dir]).sessionFor(notes)!;
    assert.ok(session.lint(new Map([[notes, NOTES]])).byFile.get(notes)!.length > 0);
    assert.equal(session.lint(new Map()).byFile.get(notes), undefined);
  });

  it('reads files written to disk after the session was opened, once told they changed', () => {
    const sessions = new LintSessions(() => [dir]);
    const session = sessions.sessionFor(notes)!;
    assert.equal(session.lint(new Map()).byFile.get(notes), undefined);
    fs.writeFileSync(notes, NOTES);
    assert.equal(sessions.fileChangedOnDisk(notes), session);
    assert.ok(session.lint(new Map()).byFile.get(notes)!.some((f) => f.finding.rule === 'vector-dimension-mismatch'));
  });

  it('re-parses only the edited statement when one line of a 2,000-line migration changes', function () {
    // The first lint parses 2,000 statements; on a loaded machine that takes seconds.
    this.timeout(60000);
    clearParseCache();
    const body = Array.from({ length: 1000 }, (_, i) => `CREATE TABLE IF NOT EXISTS t${i} (id bigint PRIMARY KEY);\nCOMMENT ON TABLE t${i} IS 'table ${i}';`).join('\n');
    const big = NOTES.replace('COMMIT;\n\n-- DOWN', `${body}\nCOMMIT;\n\n-- DOWN`);
    assert.ok(big.split('\n').length > 2000);
    const session = new LintSessions(() => [dir]).sessionFor(notes)!;
    session.lint(new Map([[notes, big]]));
    const cached = parseCacheSize();
    const edited = big.replace("'table 500'", "'table five hundred'");
    const after = session.lint(new Map([[notes, edited]])).byFile.get(notes)!;
    assert.equal(parseCacheSize() - cached, 1, 'one new statement text parsed');
    assert.ok(after.some((f) => f.finding.rule === 'vector-dimension-mismatch'));
  });
});
