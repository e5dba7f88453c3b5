import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureParser, LintSessions } from '../../../src/core/editor/lint-session';
import { completionsAt } from '../../../src/core/language';
import { schemaSnapshots } from '../../../src/core/model';

/** A copy of examples/quickstart in a temp folder. */
function quickstartCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-language-'));
  const source = path.resolve(__dirname, '../../../../examples/quickstart');
  fs.copyFileSync(path.join(source, 'pgvector-migrator.json'), path.join(dir, 'pgvector-migrator.json'));
  fs.cpSync(path.join(source, 'db'), path.join(dir, 'db'), { recursive: true });
  return dir;
}

describe('the language features and lint share one model per edit', () => {
  let dir: string;
  before(ensureParser);
  beforeEach(() => (dir = quickstartCopy()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers from the parse lint made for the same text, and parses again only when a text changes', () => {
    const file = path.join(dir, 'db', 'migrations', '0004_next.sql');
    const text = '-- UP Migration\nALTER TABLE chunks DROP COLUMN \n-- DOWN Migration\nSELECT 1;\n';
    const session = new LintSessions(() => [dir]).sessionFor(file)!;
    session.lint(new Map([[file, text]]));
    const model = session.model(new Map([[file, text]]));
    assert.equal(model.parsed, session.parse(new Map([[file, text]])), 'the parse lint used');
    assert.equal(session.model(new Map([[file, text]])), model, 'the same model for the same text');
    // The snapshots lint's rules read are the ones completion reads.
    assert.equal(schemaSnapshots(model.parsed.migrations), schemaSnapshots(session.parse(new Map([[file, text]])).migrations));
    const edited = text.replace('DROP COLUMN ', 'DROP COLUMN e');
    assert.notEqual(session.model(new Map([[file, edited]])).parsed, model.parsed, 'an edit parses again');
    const offset = edited.indexOf('COLUMN e') + 'COLUMN e'.length;
    assert.ok(completionsAt(session.model(new Map([[file, edited]])), file, offset).some((e) => e.label === 'embedding'));
  });

  it('counts the unsaved text of another open migration', () => {
    const chunks = path.join(dir, 'db', 'migrations', '0003_create_chunks.sql');
    const file = path.join(dir, 'db', 'migrations', '0004_next.sql');
    const text = '-- UP Migration\nALTER TABLE chunks DROP COLUMN \n-- DOWN Migration\nSELECT 1;\n';
    const unsaved = fs.readFileSync(chunks, 'utf8').replace('COMMIT;', 'ALTER TABLE chunks ADD COLUMN draft text;\nCOMMIT;');
    const session = new LintSessions(() => [dir]).sessionFor(file)!;
    const labels = (overrides: Map<string, string>) => completionsAt(session.model(overrides), file, text.indexOf('COLUMN ') + 7).map((e) => e.label);
    assert.ok(!labels(new Map([[file, text]])).includes('draft'));
    assert.ok(labels(new Map([[file, text], [chunks, unsaved]])).includes('draft'));
  });

  it('gives the architecture spec the project\'s session and the same model, reading the spec from disk when it is not open', () => {
    const spec = path.join(dir, 'docs', 'ARCHITECTURE_V2.md');
    fs.mkdirSync(path.dirname(spec));
    fs.writeFileSync(spec, '# Spec\n\n```sql\nSELECT  FROM chunks;\n```\n');
    const sessions = new LintSessions(() => [dir]);
    const session = sessions.sessionFor(path.join(dir, 'db', 'migrations', '0003_create_chunks.sql'))!;
    assert.equal(sessions.sessionFor(spec), session);
    assert.equal(sessions.sessionFor(path.join(dir, 'docs', 'OTHER.md')), undefined, 'another Markdown file is no part of the project');
    const model = session.model(new Map());
    assert.equal(model.parsed, session.parse(new Map()), 'the parse lint uses');
    const offset = fs.readFileSync(spec, 'utf8').indexOf('SELECT ') + 7;
    assert.ok(completionsAt(model, spec, offset).some((e) => e.label === 'embedding'));
  });
});
