// `pgvector-migrator lint` end to end: the real main() on temp projects, asserting what a CI job
// sees — exit code, stdout, stderr.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import type { CliIo } from '../../src/cli/command';

const CLEAN = `-- Migration: 0001_create_documents.sql
-- Description: documents we embed
-- Dependencies: none
-- Author: test
-- Date: 2026-01-05

-- UP Migration
BEGIN;
CREATE TABLE documents (id bigint PRIMARY KEY, title text NOT NULL);
COMMIT;

-- DOWN Migration
BEGIN;
DROP TABLE documents;
COMMIT;
`;

const BROKEN = CLEAN.replace('0001_create_documents', '0002_broken').replace('CREATE TABLE documents (id bigint PRIMARY KEY, title text NOT NULL);', 'CREATE TABLE chunks (id bigint PRIMARY KEY,);')
  .replace('DROP TABLE documents;', 'DROP TABLE chunks;').replace('Dependencies: none', 'Dependencies: 0001_create_documents.sql');

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(cwd: string, ...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), cwd, env: {}, signal: new AbortController().signal };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function project(files: Record<string, string>, config?: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-cli-lint-'));
  if (config !== undefined) fs.writeFileSync(path.join(dir, 'pgvector-migrator.json'), JSON.stringify(config));
  const migrations = path.join(dir, 'db', 'migrations');
  fs.mkdirSync(migrations, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(migrations, name), text);
  return dir;
}

describe('pgvector-migrator lint', () => {
  const dirs: string[] = [];
  const make = (files: Record<string, string>, config?: unknown) => {
    const dir = project(files, config);
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  const exitCases: { name: string; files: Record<string, string>; config?: unknown; args?: string[]; code: number }[] = [
    { name: 'exits 0 on a clean, well-formed migration set', files: { '0001_create_documents.sql': CLEAN }, code: 0 },
    { name: 'exits 1 when a migration has an error', files: { '0001_create_documents.sql': CLEAN, '0002_broken.sql': BROKEN }, code: 1 },
    { name: 'exits 0 when the config turns the only error into a warning', files: { '0001_create_documents.sql': CLEAN, '0002_broken.sql': BROKEN }, config: { rules: { 'syntax-error': 'warning' } }, code: 0 },
    { name: 'accepts the plan\'s risk ids in the config\'s rules map', files: { '0001_create_documents.sql': CLEAN }, config: { rules: { 'plan-hnsw-memory': 'error', 'plan-lock-across-rewrite': ['warning', { minRows: 100000 }] } }, code: 0 },
    { name: 'exits 2 on an unknown --format', files: { '0001_create_documents.sql': CLEAN }, args: ['--format', 'xml'], code: 2 },
    { name: 'exits 2 on a path that does not exist', files: { '0001_create_documents.sql': CLEAN }, args: ['db/migrations/0009_nope.sql'], code: 2 },
  ];
  for (const c of exitCases) {
    it(c.name, async () => {
      const dir = make(c.files, c.config);
      const r = await run(dir, 'lint', ...(c.args ?? []));
      assert.equal(r.code, c.code, `stdout:\n${r.out}\nstderr:\n${r.err}`);
    });
  }

  it('exits 2 on a config error and names the key', async () => {
    const dir = make({ '0001_create_documents.sql': CLEAN }, { rules: { 'syntax-error': 'loud' } });
    const r = await run(dir, 'lint');
    assert.equal(r.code, 2);
    assert.match(r.err, /"rules"\.syntax-error must be one of "off", "info", "warning", "error" \(got "loud"\)/);
  });

  it('exits 2 on a rule id that no rule has, suggesting the closest', async () => {
    const dir = make({ '0001_create_documents.sql': CLEAN }, { rules: { 'drop-tabel': 'off' } });
    const r = await run(dir, 'lint');
    assert.equal(r.code, 2);
    assert.match(r.err, /"rules" names an unknown rule "drop-tabel"/);
    assert.match(r.err, /did you mean "drop-table"\?/);
  });

  it('prints text findings as file:line:col: severity[rule]: message, with the source, help and a summary', async () => {
    const dir = make({ '0001_create_documents.sql': CLEAN, '0002_broken.sql': BROKEN });
    const r = await run(dir, 'lint');
    const lines = r.out.split('\n');
    assert.equal(lines[0], 'db/migrations/0002_broken.sql:9:44: error[syntax-error]: syntax error at or near ")"');
    assert.equal(lines[2], '9 | CREATE TABLE chunks (id bigint PRIMARY KEY,);');
    assert.equal(lines[3], `  | ${' '.repeat(43)}^`);
    assert.ok(lines.some((l) => l.includes('= docs: docs/rules/syntax-error.md')));
    assert.equal(lines[lines.length - 1], 'Found 1 error, 0 warnings, 0 info in 2 files.');
  });

  it('says so when a set is clean', async () => {
    const dir = make({ '0001_create_documents.sql': CLEAN });
    const r = await run(dir, 'lint');
    assert.equal(r.out, 'No problems found in 1 file.');
  });

  it('prints JSON findings with 1-based positions and files relative to the working directory', async () => {
    const dir = make({ '0001_create_documents.sql': CLEAN, '0002_broken.sql': BROKEN });
    const r = await run(dir, 'lint', '--format', 'json');
    assert.deepEqual(JSON.parse(r.out), [{
      file: 'db/migrations/0002_broken.sql', line: 9, column: 44, endLine: 9, endColumn: 45,
      rule: 'syntax-error', severity: 'error', message: 'syntax error at or near ")"',
    }]);
  });

  it('lints only the files named, in the context of their migration set', async () => {
    const dir = make({ '0001_create_documents.sql': CLEAN, '0002_broken.sql': BROKEN });
    const clean = await run(dir, 'lint', '--format', 'json', 'db/migrations/0001_create_documents.sql');
    assert.deepEqual([clean.code, JSON.parse(clean.out)], [0, []]);
    const broken = await run(path.join(dir, 'db'), 'lint', '--format', 'json', 'migrations/0002_broken.sql');
    assert.deepEqual(JSON.parse(broken.out).map((f: { file: string; rule: string }) => [f.file, f.rule]), [['migrations/0002_broken.sql', 'syntax-error']]);
  });

  it('prints SARIF 2.1.0 with rule metadata, help links and regions', async () => {
    const dir = make({ '0001_create_documents.sql': CLEAN, '0002_broken.sql': BROKEN });
    const r = await run(dir, 'lint', '--format', 'sarif');
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.out);
    assert.equal(sarif.version, '2.1.0');
    const runResult = sarif.runs[0];
    assert.equal(runResult.tool.driver.name, 'pgvector-migrator');
    const rule = runResult.tool.driver.rules.find((x: { id: string }) => x.id === 'syntax-error');
    assert.ok(rule, 'the rule is described');
    assert.match(rule.helpUri, /docs\/rules\/syntax-error\.md$/);
    assert.equal(rule.defaultConfiguration.level, 'error');
    assert.equal(runResult.results.length, 1);
    const result = runResult.results[0];
    assert.deepEqual(
      { ruleId: result.ruleId, level: result.level, rule: runResult.tool.driver.rules[result.ruleIndex].id, location: result.locations[0].physicalLocation },
      {
        ruleId: 'syntax-error', level: 'error', rule: 'syntax-error',
        location: { artifactLocation: { uri: 'db/migrations/0002_broken.sql', uriBaseId: '%SRCROOT%' }, region: { startLine: 9, startColumn: 44, endLine: 9, endColumn: 45 } },
      },
    );
  });

  describe('with several embedding models (chatbot-ui\'s file_items)', () => {
    const FILE_ITEMS = CLEAN.replace('0001_create_documents', '0001_create_file_items')
      .replace('CREATE TABLE documents (id bigint PRIMARY KEY, title text NOT NULL);', [
        'CREATE EXTENSION IF NOT EXISTS vector;',
        'CREATE TABLE file_items (id bigint PRIMARY KEY, content text NOT NULL, openai_embedding vector(1536), local_embedding vector(384));',
        'CREATE INDEX file_items_openai_idx ON file_items USING hnsw (openai_embedding vector_cosine_ops);',
        'CREATE INDEX file_items_local_idx ON file_items USING hnsw (local_embedding vector_cosine_ops);',
      ].join('\n'))
      .replace('DROP TABLE documents;', 'DROP TABLE file_items;');
    const openai = { dimensions: 1536, distance: 'cosine', columns: ['*.openai_embedding'] };
    const minilm = { dimensions: 384, distance: 'cosine', columns: ['*.local_embedding'] };
    const vectorFindings = (out: string) => (JSON.parse(out) as { rule: string; line: number; message: string }[]).filter((f) => f.rule.startsWith('vector-'));

    it('lints clean with both models declared', async () => {
      const r = await run(make({ '0001_create_file_items.sql': FILE_ITEMS }, { embeddings: { openai, minilm } }), 'lint', '--format', 'json');
      assert.deepEqual(vectorFindings(r.out), []);
      assert.equal(r.err, '');
    });

    it('reports the 384 column with only the OpenAI model declared', async () => {
      const r = await run(make({ '0001_create_file_items.sql': FILE_ITEMS }, { embeddings: { openai } }), 'lint', '--format', 'json');
      assert.deepEqual(vectorFindings(r.out).map((f) => [f.rule, f.line]), [['vector-dimension-mismatch', 10]]);
      assert.equal(r.code, 1);
    });

    it('warns about a glob that matches no column, naming the model and the glob', async () => {
      const r = await run(make({ '0001_create_file_items.sql': FILE_ITEMS }, { embeddings: { openai, minilm: { ...minilm, columns: ['*.local_embeding'] } } }), 'lint');
      assert.match(r.err, /^warning: pgvector-migrator\.json: embeddings\.minilm\.columns "\*\.local_embeding" matches no vector column/m);
    });
  });
});
