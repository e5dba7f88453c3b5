// Benchmark (not a test): completion latency in a project of 500 generated migrations, as the
// editor meets it: each keystroke in the newest migration changes its text, and the completion
// list is computed from the schema model of the whole history with that text (parsed once per
// edit, shared with lint). Printed beside the baseline of the same keystrokes: a plain re-lint.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const COUNT = Number(process.env.PGVM_BENCH_LANGUAGE_FILES ?? 500);
const KEYSTROKES = 100;

function body(i) {
  switch (i % 3) {
    case 0: return `CREATE TABLE docs_${i} (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n    title text NOT NULL,\n    body text,\n    embedding vector(1536)\n);\nCREATE INDEX docs_${i}_embedding_idx ON docs_${i} USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);`;
    case 1: return `ALTER TABLE docs_${i - 1} ADD COLUMN summary text;\nALTER TABLE docs_${i - 1} ADD COLUMN language text;`;
    default: return `ALTER TABLE docs_${i - 2} DROP COLUMN body;\nCREATE INDEX docs_${i - 2}_title_idx ON docs_${i - 2} (title);`;
  }
}

function writeProject(dir) {
  const migrations = path.join(dir, 'db', 'migrations');
  fs.mkdirSync(migrations, { recursive: true });
  fs.writeFileSync(path.join(dir, 'pgvector-migrator.json'), JSON.stringify({ embedding: { dimensions: 1536, distance: 'cosine' } }));
  let last;
  for (let i = 0; i < COUNT; i++) {
    const name = `${String(i + 1).padStart(4, '0')}_step_${i}.sql`;
    last = path.join(migrations, name);
    fs.writeFileSync(last, `-- UP Migration\nBEGIN;\n${i === 0 ? 'CREATE EXTENSION IF NOT EXISTS vector;\n' : ''}${body(i)}\nCOMMIT;\n\n-- DOWN Migration\nSELECT 1;\n`);
  }
  return last;
}

function percentiles(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length * 0.5)], p95: sorted[Math.floor(sorted.length * 0.95)] };
}

function timed(fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

if (!fs.existsSync(path.join(root, 'out', 'src', 'core', 'language', 'index.js'))) {
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', root], { stdio: 'inherit' });
}
const { ProjectLintSession, ensureParser } = require(path.join(root, 'out/src/core/editor/lint-session.js'));
const { completionsAt } = require(path.join(root, 'out/src/core/language/index.js'));
const { loadProject } = require(path.join(root, 'out/src/core/config/config.js'));

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-bench-language-'));
try {
  const file = writeProject(work);
  await ensureParser();
  const original = fs.readFileSync(file, 'utf8');
  const table = `docs_${Math.floor((COUNT - 1) / 3) * 3 - 3}`;
  const typed = (k) => {
    const line = `ALTER TABLE ${table} ALTER COLUMN ${'t'.repeat(k % 4)}`;
    const text = original.replace('COMMIT;', `${line}\nCOMMIT;`);
    return { text, offset: text.indexOf(line) + line.length };
  };

  const completion = [];
  const queryOnly = [];
  const relint = [];
  let items = 0;
  for (const [label, list, run] of [
    ['completion', completion, (session, t) => completionsAt(session.model(new Map([[file, t.text]])), file, t.offset)],
    ['re-lint', relint, (session, t) => session.lint(new Map([[file, t.text]]))],
  ]) {
    const session = new ProjectLintSession(loadProject(work));
    session.lint(new Map([[file, original]]));
    for (let k = 0; k < KEYSTROKES; k++) {
      const t = typed(k + 1);
      const { ms, result } = timed(() => run(session, t));
      list.push(ms);
      if (label === 'completion') {
        items = result.length;
        // The list again for the same text (lint ran on it, or the user asked twice): the query alone.
        queryOnly.push(timed(() => completionsAt(session.model(new Map([[file, t.text]])), file, t.offset)).ms);
      }
    }
  }
  const c = percentiles(completion);
  const q = percentiles(queryOnly);
  const l = percentiles(relint);
  console.log(`completion in the newest of ${COUNT} migrations, ${KEYSTROKES} keystrokes (${items} columns offered):`);
  console.log(`  re-lint of the same edit (baseline)   p50 ${l.p50.toFixed(1)} ms   p95 ${l.p95.toFixed(1)} ms`);
  console.log(`  completion after the edit            p50 ${c.p50.toFixed(1)} ms   p95 ${c.p95.toFixed(1)} ms   ${(c.p95 / l.p95).toFixed(2)}x re-lint (target: p95 under 50 ms)`);
  console.log(`  completion, model already built      p50 ${q.p50.toFixed(2)} ms   p95 ${q.p95.toFixed(2)} ms`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
