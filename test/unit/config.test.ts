import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig, loadProject, durationToMs, DEFAULT_CONFIG } from '../../src/core/config/config';
import { ConfigError } from '../../src/core/errors';
import { tempProject } from '../support/projects';

describe('reading pgvector-migrator.json', () => {
  it('fills every key it is not given with the default', () => {
    const c = parseConfig('{ "embedding": { "dimensions": 768 } }', 'cfg.json');
    assert.equal(c.embedding.dimensions, 768);
    assert.equal(c.embedding.distance, 'cosine');
    assert.equal(c.historyTable, DEFAULT_CONFIG.historyTable);
  });

  const bad: [string, RegExp][] = [
    ['{ "migrationDir": "x" }', /unknown key "migrationDir"/],
    ['{ "embedding": { "dimensions": "1536" } }', /"embedding"\.dimensions must be a number \(got string\)/],
    ['{ "embedding": { "distance": "dot" } }', /distance must be one of "cosine", "l2"/],
    ['{ "postgresVersion": 9.6 }', /"postgresVersion" must be a major version/],
    ['{ "lockTimeout": "soon" }', /"lockTimeout" must be a duration/],
    ['{ "rules": { "drop-table": "fatal" } }', /rules"\.drop-table must be one of "off", "info", "warning", "error"/],
    ['{ "historyTable": "x; DROP TABLE y" }', /"historyTable" must be a table name/],
    ['[1, 2]', /must hold a JSON object/],
    ['{ "embeddings": { "minilm": { "dimensions": 384, "columns": ["local_embedding"] } } }', /"embeddings"\.minilm\.columns\[0\] must be "table\.column"/],
    ['{ "embeddings": { "minilm": { "dimensions": 384, "type": "float4" } } }', /"embeddings"\.minilm\.type must be one of "vector", "halfvec", "sparsevec", "bit"/],
    ['{ "embeddings": { "minilm": { "size": 384 } } }', /"embeddings"\.minilm: unknown key "size"/],
    ['{ "embeddings": { "minilm": { "dimensions": 20000 } } }', /"embeddings"\.minilm\.dimensions must be an integer from 1 to 16000/],
    ['{ "layout": ', /is not valid JSON/],
  ];
  for (const [text, message] of bad) {
    it(`names the key in the error for ${text}`, () => {
      assert.throws(() => parseConfig(text, 'cfg.json'), (err: unknown) => err instanceof ConfigError && message.test(err.message));
    });
  }

  it('accepts a rule setting with options', () => {
    const c = parseConfig('{ "rules": { "naming-convention": ["warning", { "pattern": "^[a-z]+$" }] } }', 'cfg.json');
    assert.deepEqual(c.rules['naming-convention'], { severity: 'warning', options: { pattern: '^[a-z]+$' } });
  });

  it('finds the nearest config above the working directory', () => {
    const p = tempProject({}, { migrationsDir: 'db/migrations' });
    try {
      const nested = path.join(p.dir, 'db', 'migrations');
      const loaded = loadProject(undefined, nested);
      assert.equal(loaded.projectDir, fs.realpathSync(p.dir) === p.dir ? p.dir : loaded.projectDir);
      assert.equal(loaded.migrationsDir, p.migrationsDir);
    } finally {
      p.cleanup();
    }
  });

  it('takes --dir pointing at a migrations folder without a config', () => {
    const p = tempProject({ '0001_a.sql': 'SELECT 1;' }, null);
    try {
      assert.equal(loadProject(p.migrationsDir).migrationsDir, p.migrationsDir);
    } finally {
      p.cleanup();
    }
  });

  it('resolves the spec of a migrations folder without a config against the repository root', () => {
    const p = tempProject({ '0001_a.sql': 'SELECT 1;' }, null);
    try {
      fs.mkdirSync(path.join(p.dir, '.git'));
      const loaded = loadProject('db/migrations', p.dir);
      assert.equal(loaded.migrationsDir, p.migrationsDir);
      assert.equal(loaded.projectDir, p.dir);
      assert.equal(loaded.configFile, undefined);
    } finally {
      p.cleanup();
    }
  });

  it('takes the config above a migrations folder that it names, so its paths resolve against the config file', () => {
    const p = tempProject({ '0001_a.sql': 'SELECT 1;' }, { architectureSpec: 'ARCH.md' });
    try {
      const loaded = loadProject(p.migrationsDir);
      assert.equal(loaded.configFile, path.join(p.dir, 'pgvector-migrator.json'));
      assert.equal(loaded.config.architectureSpec, 'ARCH.md');
      assert.equal(loaded.projectDir, p.dir);
    } finally {
      p.cleanup();
    }
  });

  it('converts durations as PostgreSQL reads them', () => {
    assert.deepEqual(['5s', '500ms', '2min', '250'].map(durationToMs), [5000, 500, 120000, 250]);
  });
});
