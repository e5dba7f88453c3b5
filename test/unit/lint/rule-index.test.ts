// The rule index is a contract for the CLI's JSON, the docs and the config: every rule listed
// once, with an id that names its file, its docs page and its test table.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../../src/core/lint/rules';

// Tests run from out/test/unit/lint; sources and docs live at the repository root.
const root = path.resolve(__dirname, '../../../..');

describe('the rule index', () => {
  it('lists every rule once, sorted by id', () => {
    const ids = ALL_RULES.map((r) => r.meta.id);
    assert.deepEqual(ids, [...new Set(ids)].sort());
  });

  for (const rule of ALL_RULES) {
    const id = rule.meta.id;
    it(`has ${id}'s file, docs page and test table where the id says`, () => {
      assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.equal(rule.meta.docs, `docs/rules/${id}.md`);
      const missing = [`src/core/lint/rules/${id}.ts`, `docs/rules/${id}.md`, `test/unit/lint/rules/${id}.test.ts`].filter((p) => !fs.existsSync(path.join(root, p)));
      assert.deepEqual(missing, []);
    });
  }
});
