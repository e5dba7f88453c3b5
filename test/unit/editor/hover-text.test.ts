import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { findingHoverMarkdown } from '../../../src/core/editor/hover-text';
import { ruleMeta } from '../../../src/core/editor/lint-session';
import { docsSection, readRuleDocs, ruleDocsUrl } from '../../../src/core/editor/rule-docs';
import type { Finding } from '../../../src/core/lint/types';

const DOCS_DIR = path.resolve(__dirname, '../../../../docs/rules');
const BASE = 'file:///ext/docs/rules/';

const mismatch: Finding = {
  rule: 'vector-dimension-mismatch', severity: 'error', checklistItem: 4,
  file: '/p/db/migrations/0004_add_notes.sql', start: 10, end: 21, line: 11, column: 15, endLine: 11, endColumn: 26,
  message: "embedding is vector(768) but the project's embeddings are 1536-dimensional (pgvector-migrator.json) and documents.embedding is vector(1536)",
  help: 'declare vector(1536), or change embedding.dimensions in pgvector-migrator.json if the project switched models (and re-embed the existing rows)',
  fix: { title: 'Change to vector(1536)', edits: [] },
};

describe('the hover on a finding', () => {
  const hover = (docs?: string) => findingHoverMarkdown(mismatch, ruleMeta(mismatch.rule), { markdown: docs, pageUri: `${BASE}vector-dimension-mismatch.md`, pageBase: BASE });

  it('names the rule, linked to its page, and the checklist item it breaks', () => {
    assert.match(hover(), /^\*\*error\*\* \[vector-dimension-mismatch\]\(file:\/\/\/ext\/docs\/rules\/vector-dimension-mismatch\.md\) · checklist item 4: vector dimensions consistent/);
  });

  it('says what is wrong, why it matters and how to fix it', () => {
    const text = hover();
    assert.ok(text.includes("embedding is vector(768) but the project's embeddings are 1536-dimensional (pgvector-migrator.json) and documents.embedding is vector(1536)"));
    assert.match(text, /\*\*Why it matters\.\*\* pgvector rejects a value whose dimension count differs/);
    assert.match(text, /\*\*How to fix\.\*\* Declare vector\(1536\), or change embedding\.dimensions .* Quick fix: \*Change to vector\(1536\)\*\./);
  });

  it("adds the docs page's worked example and advice when the page is shipped", () => {
    const docs = readRuleDocs(DOCS_DIR, 'vector-dimension-mismatch');
    assert.ok(docs, 'docs/rules/vector-dimension-mismatch.md is readable');
    const text = hover(docs);
    assert.ok(text.includes('embedding vector(1536)\n);'), 'the good example');
    assert.ok(text.includes('The quick fix changes the dimension to the configured one.'), 'the how-to-fix section');
    assert.ok(!text.includes('](./'), 'no link left relative to a page the hover is not on');
  });

  it("links to sibling pages through the extension's copy", () => {
    const section = docsSection('## problem\nSee [other](./vector-missing-dimensions.md#x).\n\n## solution\nok', 'problem', BASE);
    assert.equal(section, `See [other](${BASE}vector-missing-dimensions.md#x).`);
  });

  it('stops a section at the next heading, not at a heading-like line inside a code block', () => {
    assert.equal(docsSection('## solution\n```sql\n## not a heading\n```\nafter\n## how to fix\nx', 'solution', BASE), '```sql\n## not a heading\n```\nafter');
  });

  it('reads no file outside the docs folder, whatever the rule id', () => {
    assert.equal(readRuleDocs(DOCS_DIR, '../README'), undefined);
  });

  it('points at the public page of a rule', () => {
    assert.equal(ruleDocsUrl('missing-down'), 'https://github.com/pgvector-migrator/pgvector-migrator/blob/main/docs/rules/missing-down.md');
  });
});
