import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../../src/core/config/config';
import { ConfigError } from '../../src/core/errors';
import { CHECK_IDS, validateSettings } from '../../src/core/validate';

describe('the config keys validation reads', () => {
  it('reads relationships, required and unique columns and the validate block', () => {
    const config = parseConfig(JSON.stringify({
      relationships: [{ from: 'chunks.document_id', to: 'public.documents.id' }],
      required: ['chunks.embedding'],
      unique: ['documents.url', { table: 'public.chunks', columns: ['document_id', 'ordinal'] }],
      validate: { skip: ['vector-index-coverage'], normTolerance: 0.01, statementTimeout: '10min' },
    }), 'cfg.json');
    const s = validateSettings(config);
    assert.deepEqual(s.relationships.map((r) => [r.from.table, r.from.columns, r.to.schema, r.to.table, r.to.columns]), [['chunks', ['document_id'], 'public', 'documents', ['id']]]);
    assert.deepEqual(s.required.map((r) => [r.schema, r.table, r.columns]), [[undefined, 'chunks', ['embedding']]]);
    assert.deepEqual(s.unique.map((r) => [r.schema, r.table, r.columns]), [[undefined, 'documents', ['url']], ['public', 'chunks', ['document_id', 'ordinal']]]);
    assert.deepEqual([s.skip, s.normTolerance, s.statementTimeout], [['vector-index-coverage'], 0.01, '10min']);
  });

  it('falls back to a tolerance of 0.001 and a timeout of 5min', () => {
    const s = validateSettings(parseConfig('{}', 'cfg.json'));
    assert.deepEqual([s.relationships, s.required, s.unique, s.skip, s.normTolerance, s.statementTimeout], [[], [], [], [], 0.001, '5min']);
  });

  const bad: [unknown, RegExp][] = [
    [{ required: 'chunks.embedding' }, /"required" must be an array/],
    [{ required: ['embedding'] }, /"required"\[0\] must name a column as "table\.column" or "schema\.table\.column" \(got "embedding"\)/],
    [{ required: ['a.b.c.d'] }, /"required"\[0\] must name a column/],
    [{ unique: [{ table: 'chunks', columns: [] }] }, /"unique"\[0\]\.columns must be a non-empty array of column names/],
    [{ unique: [{ table: 'chunks', cols: ['a'] }] }, /"unique"\[0\]: unknown key "cols"/],
    [{ relationships: [{ from: 'chunks.document_id' }] }, /"relationships"\[0\]\.to must be "table\.column"/],
    [{ relationships: [{ from: { table: 'c', columns: ['a', 'b'] }, to: 'd.id' }] }, /"relationships"\[0\]: "from" and "to" must name as many columns each/],
    [{ validate: { skip: ['vector-dims'] } }, /"validate"\.skip\[0\] must be a check id \(got "vector-dims"\)/],
    [{ validate: { normTolerance: 2 } }, /"validate"\.normTolerance must be between 0 and 1 \(got 2\)/],
    [{ validate: { statementTimeout: 'later' } }, /"validate"\.statementTimeout must be a duration such as "5min"/],
    [{ validate: { timeout: '1s' } }, /"validate": unknown key "timeout"/],
  ];
  for (const [value, message] of bad) {
    it(`names the key in the error for ${JSON.stringify(value)}`, () => {
      assert.throws(() => parseConfig(JSON.stringify(value), 'cfg.json'), (err: unknown) => err instanceof ConfigError && message.test(err.message));
    });
  }
});

describe('the JSON schema of the keys validation adds', () => {
  const fragment = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../src/core/config/schema.json'), 'utf8'));

  it('describes the keys the reader accepts, with examples the reader accepts', () => {
    assert.ok(['relationships', 'required', 'unique', 'validate'].every((k) => k in fragment.properties));
    for (const key of ['relationships', 'required', 'unique', 'validate']) {
      const property = (fragment.properties as Record<string, { examples?: unknown[] }>)[key];
      for (const example of property.examples ?? []) parseConfig(JSON.stringify({ [key]: example }), 'cfg.json');
    }
  });

  it('lists every check id for "validate.skip"', () => {
    assert.deepEqual(fragment.properties.validate.properties.skip.items.enum, [...CHECK_IDS]);
  });
});
