// `lint` on files too large or too deep to parse: it never exits 0 on a file it did not check,
// names the limit at the statement's line, and keeps checking everything else.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';

interface JsonFinding { file: string; line: number; rule: string; message: string }

async function lintJson(files: Record<string, string>, config: unknown = {}): Promise<{ code: number; findings: JsonFinding[]; stderr: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-lint-limits-'));
  try {
    fs.writeFileSync(path.join(dir, 'pgvector-migrator.json'), JSON.stringify({ migrationsDir: 'db/migrations', ...(config as object) }));
    fs.mkdirSync(path.join(dir, 'db', 'migrations'), { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'db', 'migrations', name), text);
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['lint', '--format', 'json'], { out: (l) => out.push(l), err: (l) => err.push(l), cwd: dir, env: {}, signal: new AbortController().signal });
    return { code, findings: code === 2 ? [] : JSON.parse(out.join('\n')), stderr: err.join('\n') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const header = (name: string) => `-- Migration: ${name}\n-- Description: t\n-- Dependencies: none\n-- Author: t\n-- Date: 2026-01-01\n\n`;
const small = `${header('0001_t.sql')}-- UP Migration\nCREATE TABLE t (id bigint PRIMARY KEY, label text NOT NULL);\n\n-- DOWN Migration\nDROP TABLE t;\n`;
const rows = (n: number) => Array.from({ length: n }, (_, i) => `INSERT INTO t VALUES (${i}, 'label number ${i} padded to some length');`).join('\n');
const briefly = (f: JsonFinding) => `${f.file}:${f.line} ${f.rule}`;

describe('lint on files too large or too deep to parse', function () {
  // Whole-corpus and large-file cases: seconds on a loaded 2-core machine, past mocha's 2 s default.
  this.timeout(60000);
  it('exits 1 on a file over the size limit, naming the limit at its first statement, and checks the other files', async () => {
    const big = `${header('0002_big.sql')}-- UP Migration\n${rows(15000)}\n`; // about 1 MB
    const broken = `${header('0003_broken.sql')}-- UP Migration\nCREATE TABLE x (id bigint PRIMARY KEY,);\n`;
    const r = await lintJson({ '0001_t.sql': small, '0002_big.sql': big, '0003_broken.sql': broken }, { rules: { 'lint-limit': ['error', { maxFileMegabytes: 0.5 }] } });
    assert.equal(r.code, 1);
    const limit = r.findings.filter((f) => f.rule === 'lint-limit');
    assert.deepEqual(limit.map(briefly), ['db/migrations/0002_big.sql:8 lint-limit']);
    assert.match(limit[0].message, /^0002_big\.sql is 1 MB, over the lint limit of 512 KB for a file \(maxFileMegabytes\)/);
    assert.ok(r.findings.some((f) => f.rule === 'syntax-error' && f.file === 'db/migrations/0003_broken.sql'), 'the other files are still checked');
  });

  it('lints that file in full under the default limit', async function () {
    this.timeout(20000);
    const big = `${header('0002_big.sql')}-- UP Migration\n${rows(15000)}\n\n-- DOWN Migration\nDELETE FROM t WHERE id >= 0;\n`;
    const r = await lintJson({ '0001_t.sql': small, '0002_big.sql': big });
    assert.deepEqual(r.findings.filter((f) => f.rule === 'lint-limit'), []);
    assert.equal(r.code, 0, r.findings.map(briefly).join(', '));
  });

  it('reports expressions nested too deep as the limit they hit, never as a syntax error or a crash, and checks the statements after them', async () => {
    const deep = `SELECT ${Array(12000).fill('1').join(' + ')};`;
    const file = `${header('0002_deep.sql')}-- UP Migration\n${Array(20).fill(deep).join('\n')}\nCREATE TABLE y (id bigint PRIMARY KEY,);\n`;
    const r = await lintJson({ '0001_t.sql': small, '0002_deep.sql': file });
    assert.equal(r.code, 1);
    const lines = r.findings.filter((f) => f.file === 'db/migrations/0002_deep.sql' && f.rule !== 'missing-down').map(briefly);
    assert.deepEqual(lines, [
      ...Array.from({ length: 20 }, (_, i) => `db/migrations/0002_deep.sql:${8 + i} lint-limit`),
      'db/migrations/0002_deep.sql:28 syntax-error',
    ]);
    assert.ok(!r.findings.some((f) => /Maximum call stack|internal error/.test(f.message)));
  });
});
