import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { describeSource, openInput } from '../../../src/core/load/input';
import { readRecords } from '../../../src/core/load/records';
import { mapColumns, rowChecker } from '../../../src/core/load/row-check';
import type { TargetColumn, TargetTable } from '../../../src/core/load/target';
import type { InputFormat } from '../../../src/core/load/types';

function column(name: string, kind: TargetColumn['kind'], type: string, rest: Partial<TargetColumn> = {}): TargetColumn {
  return { name, quoted: name, kind, type, size: /\((\d+)\)/.exec(type) ? Number(/\((\d+)\)/.exec(type)![1]) : undefined, notNull: false, hasDefault: false, generatedAlways: false, cosineIndexed: false, ...rest };
}

const TABLE: TargetTable = {
  schema: 'public', name: 'items', display: 'public.items', quoted: 'public.items',
  columns: [
    column('id', 'int8', 'bigint', { notNull: true }),
    column('title', 'other', 'text', { notNull: true }),
    column('embedding', 'vector', 'vector(3)'),
  ],
};

interface Outcome { rows: string[]; rejected: [number, string][] }

/** Reads `bytes` as the given format through the real reader and checks every row. */
async function check(bytes: Buffer | string, format: InputFormat, options: { cosine?: boolean; gzip?: boolean; table?: TargetTable } = {}): Promise<Outcome> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-load-'));
  const file = path.join(dir, `data.${format}${options.gzip ? '.gz' : ''}`);
  const raw = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  fs.writeFileSync(file, options.gzip ? zlib.gzipSync(raw) : raw);
  try {
    const input = openInput(describeSource(file, dir), Readable.from([]));
    const records = readRecords(input.lines, format)[Symbol.asyncIterator]();
    const table = options.table ?? TABLE;
    let names: string[];
    let first: unknown;
    if (format === 'jsonl') {
      names = table.columns.map((c) => c.name);
    } else {
      first = (await records.next()).value;
      names = (first as { fields: string[] }).fields;
    }
    const checker = rowChecker(format, mapColumns(table, names, 'the header'), { cosine: options.cosine ?? false });
    const out: Outcome = { rows: [], rejected: [] };
    for (let r = await records.next(); !r.done; r = await records.next()) {
      const c = checker(r.value);
      if ('row' in c) out.rows.push(c.row);
      else out.rejected.push([r.value.line, c.reason]);
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('checking rows before they are loaded', () => {
  const planted: { bad: string; line: string; reason: string; cosine?: boolean }[] = [
    { bad: 'wrong dimensions', line: '2,b,"[1,2]"', reason: 'embedding has 2 dimensions, the column is vector(3)' },
    { bad: 'NaN', line: '2,b,"[1,NaN,3]"', reason: 'embedding element 2 is NaN: vector elements must be finite numbers' },
    { bad: 'Infinity', line: '2,b,"[1,2,-Infinity]"', reason: 'embedding element 3 is -Infinity: vector elements must be finite numbers' },
    { bad: 'a float4 overflow', line: '2,b,"[1,2,1e39]"', reason: 'embedding element 3 is 1e39, out of range for vector (±3.4e38)' },
    { bad: 'an empty vector', line: '2,b,"[]"', reason: 'embedding is an empty vector' },
    { bad: 'a non-number', line: '2,b,"[1,x2,3]"', reason: 'embedding element 2 is not a number: "x2"' },
    { bad: 'a missing NOT NULL value', line: '2,,"[1,2,3]"', reason: 'title is NOT NULL, and the row has no value for it' },
    { bad: 'a zero vector under cosine', line: '2,b,"[0,0.0,-0e5]"', reason: "embedding is a zero vector: the project's distance is cosine, and cosine distance is undefined for it (pgvector cannot index it)", cosine: true },
    { bad: 'a ragged CSV row', line: '2,b', reason: 'has 2 fields, the header has 3' },
    { bad: 'a non-integer id', line: '2.5,b,"[1,2,3]"', reason: 'id is not an integer: "2.5"' },
    { bad: 'text after the closing bracket', line: '2,b,"[1,2,3]x"', reason: 'embedding has text after its closing "]"' },
  ];
  for (const p of planted) {
    it(`rejects ${p.bad} with its line and reason, and loads the good rows around it`, async () => {
      const out = await check(`id,title,embedding\n1,a,"[1,2,3]"\n${p.line}\n3,c,"[0.5, -1e-3, 2E2]"\n`, 'csv', { cosine: p.cosine });
      assert.deepEqual(out.rejected, [[3, p.reason]]);
      assert.deepEqual(out.rows, ['1\ta\t[1,2,3]\n', '3\tc\t[0.5, -1e-3, 2E2]\n']);
    });
  }

  it('rejects a line that is not valid UTF-8, with its line number', async () => {
    const bytes = Buffer.concat([Buffer.from('id,title,embedding\n1,a,"[1,2,3]"\n2,'), Buffer.from([0xc3, 0x28]), Buffer.from(',"[1,2,3]"\n3,é,"[1,2,3]"\n')]);
    const out = await check(bytes, 'csv');
    assert.deepEqual(out.rejected, [[3, 'is not valid UTF-8']]);
    assert.deepEqual(out.rows.map((r) => r.split('\t')[1]), ['a', 'é']);
  });

  it('accepts a zero vector when the distance is not cosine', async () => {
    const out = await check('id,title,embedding\n1,a,"[0,0,0]"\n', 'csv');
    assert.deepEqual(out.rejected, []);
  });

  it('counts the header and the lines of a quoted field that spans lines', async () => {
    const out = await check('id,title,embedding\n1,"two\nlines","[1,2,3]"\n2,b,"[1,2]"\n', 'csv');
    assert.deepEqual(out.rejected, [[4, 'embedding has 2 dimensions, the column is vector(3)']]);
    assert.deepEqual(out.rows, ['1\ttwo\\nlines\t[1,2,3]\n']);
  });

  it('reads TSV in PostgreSQL text format, \\N as NULL', async () => {
    const out = await check('id\ttitle\tembedding\n1\ta\\tb\t[1,2,3]\n2\tb\t\\N\n3\t\\N\t[1,2,3]\n', 'tsv');
    assert.deepEqual(out.rows, ['1\ta\\tb\t[1,2,3]\n', '2\tb\t\\N\n']);
    assert.deepEqual(out.rejected, [[4, 'title is NOT NULL, and the row has no value for it']]);
  });

  it('reads JSON Lines with vectors as arrays, and rejects unreadable lines', async () => {
    const out = await check('{"id":1,"title":"a","embedding":[1,2,3]}\n\n{"id":2,"title":"b","embedding":[1,"x",3]}\n{"id":3,\n{"id":4,"title":"d","embedding":[1,2],"extra":1}\n', 'jsonl');
    assert.deepEqual(out.rows, ['1\ta\t[1,2,3]\n']);
    assert.deepEqual(out.rejected.map(([l, r]) => [l, r.replace(/: .*JSON.*/, ': (JSON error)')]), [
      [3, 'embedding element 2 is not a number: "x"'],
      [4, 'is not valid JSON: (JSON error)'],
      [5, 'has key "extra", which is not a loaded column (id, title, embedding)'],
    ]);
  });

  it('reads gzip-compressed input', async () => {
    const out = await check('id,title,embedding\n1,a,"[1,2,3]"\n2,b,"[1,2]"\n', 'csv', { gzip: true });
    assert.deepEqual(out.rows, ['1\ta\t[1,2,3]\n']);
    assert.deepEqual(out.rejected, [[3, 'embedding has 2 dimensions, the column is vector(3)']]);
  });

  const typed: TargetTable = {
    schema: 'public', name: 't', display: 'public.t', quoted: 'public.t',
    columns: [column('h', 'halfvec', 'halfvec(2)'), column('s', 'sparsevec', 'sparsevec(5)'), column('b', 'bit', 'bit(4)')],
  };
  const typedCases: [string, string][] = [
    ['"[70000,1]","{1:1}/5",0101', 'h element 1 is 70000, out of range for halfvec (±65504)'],
    ['"[1,1]","{1:1,7:2}/5",0101', 's element 2 has index 7, outside 1..5'],
    ['"[1,1]","{1:1}/6",0101', 's has 6 dimensions, the column is sparsevec(5)'],
    ['"[1,1]","{2:1,2:3}/5",0101', 's index 2 appears twice'],
    ['"[1,1]","{1:1}/5",01011', 'b has 5 bits, the column is bit(4)'],
    ['"[1,1]","{1:1}/5",01x1', 'b is not a bit string: "01x1"'],
  ];
  for (const [line, reason] of typedCases) {
    it(`checks halfvec, sparsevec and bit values: ${reason}`, async () => {
      const out = await check(`h,s,b\n"[65504,-1.5]","{1:0.5,3:-2}/5",1010\n${line}\n`, 'csv', { table: typed });
      assert.deepEqual(out.rows, ['[65504,-1.5]\t{1:0.5,3:-2}/5\t1010\n']);
      assert.deepEqual(out.rejected, [[3, reason]]);
    });
  }
});

describe('mapping the file onto the table', () => {
  it('refuses a header column the table does not have, naming its columns', () => {
    assert.throws(() => mapColumns(TABLE, ['id', 'title', 'vec'], 'the header of data.csv'), /the header of data\.csv names column "vec", which public\.items does not have/);
  });

  it('refuses a file without a NOT NULL column that has no default', () => {
    assert.throws(() => mapColumns(TABLE, ['id', 'embedding'], 'the header of data.csv'), /public\.items\.title is NOT NULL without a default, and the header of data\.csv has no "title" column/);
  });
});
