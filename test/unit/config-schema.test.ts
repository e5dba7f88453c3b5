import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG, moduleConfigKeys, parseConfig } from '../../src/core/config/config';
import '../../src/core/validate/settings';
import { ALL_RULES } from '../../src/core/lint/rules';
import { SCHEMA_RULES } from '../../src/core/schema/rules';

const schemaFile = path.resolve(__dirname, '../../../src/core/config/schema.json');
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));

/** A value of each key that the config reader accepts. */
const EXAMPLES: Record<string, unknown> = {
  $schema: './schema.json',
  migrationsDir: 'migrations',
  layout: 'dbmate',
  ignore: ['db/migrations/local_*.sql'],
  setup: ['citext'],
  architectureSpec: 'docs/ARCH.md',
  postgresVersion: 17,
  pgvectorVersion: '0.7.4',
  embedding: { dimensions: 768, distance: 'l2' },
  embeddings: { minilm: { dimensions: 384, distance: 'cosine', type: 'vector', columns: ['*.local_embedding'] } },
  historyTable: 'ops.history',
  lockTimeout: '2s',
  statementTimeout: 30000,
  advisoryLockTimeout: '1min',
  networkTimeout: '10s',
  rules: { 'drop-table': 'off', 'naming-convention': ['warning', { pattern: '^[a-z]+$' }] },
  relationships: [{ from: 'chunks.document_id', to: 'documents.id' }],
  required: ['chunks.embedding'],
  unique: ['documents.url', { table: 'chunks', columns: ['document_id', 'ordinal'] }],
  validate: { skip: ['extension-version'], normTolerance: 0.01, statementTimeout: '1min' },
};

describe('the JSON schema of pgvector-migrator.json', () => {
  it('accepts the keys other modules own even when they are not loaded, and checks them when they are', () => {
    assert.doesNotThrow(() => parseConfig('{ "required": ["chunks.embedding"] }', 'cfg.json'));
    assert.throws(() => parseConfig('{ "required": [42] }', 'cfg.json'));
  });

  it('describes every key the config reader accepts, and no other', () => {
    const readerKeys = [...Object.keys(DEFAULT_CONFIG).filter((k) => k !== 'extra'), ...moduleConfigKeys()].sort();
    const schemaKeys = Object.keys(schema.properties).filter((k) => k !== '$schema').sort();
    assert.deepEqual(schemaKeys, readerKeys);
    assert.equal(schema.additionalProperties, false);
  });

  it('has a description for every key', () => {
    const missing = Object.entries(schema.properties as Record<string, { description?: string }>).filter(([, p]) => !p.description).map(([k]) => k);
    assert.deepEqual(missing, []);
  });

  it('lists the same layouts and distances as the reader checks', () => {
    for (const layout of schema.properties.layout.enum) parseConfig(JSON.stringify({ layout }), 'cfg.json');
    for (const distance of schema.properties.embedding.properties.distance.enum) parseConfig(JSON.stringify({ embedding: { distance } }), 'cfg.json');
    assert.throws(() => parseConfig('{ "layout": "liquibase" }', 'cfg.json'));
  });

  it('has examples the reader accepts for every key', () => {
    assert.deepEqual(Object.keys(EXAMPLES).sort(), Object.keys(schema.properties).sort());
    const c = parseConfig(JSON.stringify(EXAMPLES), 'cfg.json');
    assert.equal(c.embedding.dimensions, 768);
  });

  it('offers every rule id for completion (node scripts/update-config-schema.mjs regenerates them)', () => {
    const ids = [...ALL_RULES.map((r) => r.meta.id), ...SCHEMA_RULES.map((m) => m.id)].sort();
    assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), ids);
  });
});
