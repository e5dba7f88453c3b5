import * as assert from 'node:assert/strict';
import { disableNextLineFix } from '../../../src/core/editor/disable-next-line';
import { isSilenced, silencedRanges } from '../../../src/core/lint/disable-comments';
import { parseStatement } from '../../../src/core/lint/parse-set';
import { applyEdits } from '../../../src/core/format/migration-format';
import { ensureParser } from '../../../src/core/sql/parser';
import { splitStatements } from '../../../src/core/sql/split';

const FILE = '/project/db/migrations/0004_x.sql';
/** `¦` marks where the finding starts; it is removed from the text. */
const HERE = '¦';

function syntaxOf(text: string) {
  const split = splitStatements(text);
  const statements = split.statements.map(parseStatement);
  return { text, statements, comments: [...split.statements.flatMap((s) => s.comments), ...split.trailingComments] };
}

/** The text after the fix, and whether the engine's own reading of directives silences the finding there. */
function disable(marked: string, rule = 'some-rule'): { text: string; title: string; silenced: boolean } | undefined {
  const start = marked.indexOf(HERE);
  const text = marked.replace(HERE, '');
  const fix = disableNextLineFix({ rule, file: FILE, start }, syntaxOf(text));
  if (!fix) return undefined;
  const after = applyEdits(text, fix.edits);
  // Where the finding's token is now: after every edit that inserted text before it.
  const moved = start + fix.edits.filter((e) => e.start <= start).reduce((n, e) => n + e.newText.length - (e.end - e.start), 0);
  const syntax = syntaxOf(after);
  return { text: after, title: fix.title, silenced: isSilenced(silencedRanges(after, syntax.comments, syntax.statements), rule, moved) };
}

describe('the disable-next-line quick fix', () => {
  before(ensureParser);

  const cases: { what: string; marked: string; title: string; text: string }[] = [
    {
      what: 'silences a statement whose first line holds the finding, from the line above it',
      marked: 'BEGIN;\n  ¦CREATE INDEX ON chunks (document_id);\nCOMMIT;\n',
      title: 'Disable some-rule for this statement',
      text: 'BEGIN;\n  -- pgvector-migrator-disable-next-line some-rule\n  CREATE INDEX ON chunks (document_id);\nCOMMIT;\n',
    },
    {
      what: 'silences only the line of a finding on a later line of a statement, indented like it',
      marked: 'CREATE TABLE notes (\n    id bigint,\n    embedding ¦vector(768)\n);\n',
      title: 'Disable some-rule for this line',
      text: 'CREATE TABLE notes (\n    id bigint,\n    -- pgvector-migrator-disable-next-line some-rule\n    embedding vector(768)\n);\n',
    },
    {
      what: 'adds the rule to a directive already above the statement',
      marked: '-- pgvector-migrator-disable-next-line other-rule\n¦CREATE INDEX ON chunks (document_id);\n',
      title: 'Disable some-rule for this statement',
      text: '-- pgvector-migrator-disable-next-line other-rule, some-rule\nCREATE INDEX ON chunks (document_id);\n',
    },
    {
      what: 'puts the directive just before a statement that shares its line with another',
      marked: 'BEGIN; ¦CREATE INDEX ON chunks (document_id); COMMIT;\n',
      title: 'Disable some-rule for this statement',
      text: 'BEGIN; -- pgvector-migrator-disable-next-line some-rule\nCREATE INDEX ON chunks (document_id); COMMIT;\n',
    },
    {
      what: 'silences the whole statement when the line starts inside a function body, which a comment would change',
      marked: 'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  ¦RETURN 1;\nEND $$;\n',
      title: 'Disable some-rule for this statement',
      text: '-- pgvector-migrator-disable-next-line some-rule\nCREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1;\nEND $$;\n',
    },
    {
      what: 'keeps CRLF line endings',
      marked: 'SELECT 1;\r\n¦SELEC 2;\r\n',
      title: 'Disable some-rule for this statement',
      text: 'SELECT 1;\r\n-- pgvector-migrator-disable-next-line some-rule\r\nSELEC 2;\r\n',
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const result = disable(c.marked);
      assert.ok(result, 'a fix is offered');
      assert.equal(result.title, c.title);
      assert.equal(result.text, c.text);
      assert.ok(result.silenced, 'the engine reads the directive as covering the finding');
    });
  }

  it('offers nothing for a finding outside every statement (a missing header, a missing DOWN)', () => {
    assert.equal(disable('¦-- UP Migration\nSELECT 1;\n'), undefined);
    assert.equal(disable('SELECT 1;\n¦'), undefined);
  });
});
