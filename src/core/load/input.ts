// Where the rows come from: a file (read compressed when its name ends in .gz) or standard input,
// streamed as lines with their 1-based line numbers and byte offsets, never the whole input in memory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { Transform, Readable } from 'node:stream';
import { ConfigError } from '../errors';
import type { InputFormat } from './types';

export interface InputLine {
  /** The line without its line ending. */
  text: string;
  /** 1-based line number in the (decompressed) input. */
  line: number;
  /** Byte offsets, in the decompressed input, of the line's start and just after its newline. */
  start: number;
  end: number;
  /** The bytes are not valid UTF-8 (the text holds replacement characters). */
  invalidUtf8: boolean;
}

export interface InputSource {
  /** As the user named it: a path, or "-" for standard input. */
  name: string;
  /** Absolute path, or "-". What a checkpoint is keyed by. */
  key: string;
  gzip: boolean;
  /** Bytes of the file as stored (compressed size for .gz), when known: the progress total. */
  size?: number;
}

export function describeSource(file: string, cwd: string): InputSource {
  if (file === '-') return { name: '-', key: '-', gzip: false };
  const abs = path.resolve(cwd, file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new ConfigError(`cannot read ${file}: no such file`, { fix: 'pass the path of a CSV, TSV or JSON Lines file, or - for standard input' });
  }
  if (stat.isDirectory()) throw new ConfigError(`${file} is a directory, not a data file`);
  return { name: file, key: abs, gzip: /\.gz$/i.test(abs), size: stat.isFile() ? stat.size : undefined };
}

/** csv, tsv or jsonl from the name (data.csv, data.tsv.gz, rows.jsonl, rows.ndjson). */
export function formatFromName(name: string): InputFormat | undefined {
  const base = name.toLowerCase().replace(/\.gz$/, '');
  if (base.endsWith('.csv')) return 'csv';
  if (base.endsWith('.tsv') || base.endsWith('.tab') || base.endsWith('.txt')) return 'tsv';
  if (base.endsWith('.jsonl') || base.endsWith('.ndjson') || base.endsWith('.json')) return 'jsonl';
  return undefined;
}

export interface OpenedInput {
  lines: AsyncGenerator<InputLine>;
  /** Bytes read from the file or stdin so far (compressed bytes for .gz). */
  bytesRead(): number;
  close(): void;
}

const CHUNK = 256 << 10;

/** Where a resumed read starts: the byte offset and the number of lines before it. */
export interface ResumePoint {
  bytes: number;
  line: number;
  /** CSV and TSV: line 1 (the header) is read first all the same. */
  header: boolean;
}

/**
 * Opens the input. With `resume`, line 1 (the header) is still read, then the bytes up to
 * `resume.bytes` are dropped unread and the lines numbered on from `resume.line`; a plain file is
 * opened at that offset instead of being read through.
 */
export function openInput(source: InputSource, stdin: Readable, resume?: ResumePoint): OpenedInput {
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) { read += chunk.length; cb(null, chunk); },
  });
  let raw: Readable;
  let first: Buffer | undefined;
  let start = 0;
  if (source.key === '-') {
    raw = stdin;
  } else if (!source.gzip && resume && (resume.line > 1 || !resume.header)) {
    if (resume.header) first = readFirstLine(source.key);
    start = resume.bytes;
    read = start;
    raw = fs.createReadStream(source.key, { highWaterMark: CHUNK, start });
  } else {
    raw = fs.createReadStream(source.key, { highWaterMark: CHUNK });
  }
  raw.on('error', (err) => counter.destroy(err));
  let stream: Readable = raw.pipe(counter);
  if (source.gzip) {
    const gunzip = zlib.createGunzip({ chunkSize: CHUNK });
    counter.on('error', (err) => gunzip.destroy(err));
    stream = counter.pipe(gunzip);
  }
  const lines = first
    ? withFirstLine(first, splitLines(stream, { offset: start, line: resume!.line }))
    : start > 0
      ? splitLines(stream, { offset: start, line: resume!.line })
      : splitLines(stream, { offset: 0, line: 0, resume: resume && (resume.line > 1 || !resume.header) ? resume : undefined });
  return {
    lines,
    bytesRead: () => read,
    close: () => {
      stream.destroy();
      if (raw !== stdin) raw.destroy();
      else raw.unpipe(counter);
    },
  };
}

function readFirstLine(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const parts: Buffer[] = [];
    let pos = 0;
    for (;;) {
      const buf = Buffer.alloc(64 * 1024);
      const n = fs.readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) break;
      const nl = buf.subarray(0, n).indexOf(10);
      if (nl >= 0) { parts.push(buf.subarray(0, nl + 1)); break; }
      parts.push(buf.subarray(0, n));
      pos += n;
    }
    return Buffer.concat(parts);
  } finally {
    fs.closeSync(fd);
  }
}

async function* withFirstLine(first: Buffer, rest: AsyncGenerator<InputLine>): AsyncGenerator<InputLine> {
  const nl = first.indexOf(10);
  yield decodeLine(first, 0, nl < 0 ? first.length : nl, 1, 0, first.length);
  yield* rest;
}

/**
 * Lines of a byte stream that starts at byte `offset` of the input after `line` lines. With
 * `resume`, line 1 is read, then everything before `resume.bytes` is dropped.
 */
export async function* splitLines(stream: AsyncIterable<Buffer>, at: { offset: number; line: number; resume?: ResumePoint }): AsyncGenerator<InputLine> {
  let line = at.line;
  let rest: Buffer | undefined;
  let restOffset = at.offset;
  // With a header, the skip starts once line 1 is out; without, right away.
  let skipUntil = at.resume && !at.resume.header ? at.resume.bytes : -1;
  if (at.resume && !at.resume.header) line = at.resume.line;
  for await (const piece of stream) {
    let chunk = piece as Buffer;
    if (skipUntil > restOffset && !rest) {
      const drop = Math.min(skipUntil - restOffset, chunk.length);
      restOffset += drop;
      chunk = chunk.subarray(drop);
      if (chunk.length === 0) continue;
    }
    const buf = rest ? Buffer.concat([rest, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf(10, pos);
      if (nl < 0) break;
      line++;
      yield decodeLine(buf, pos, nl, line, restOffset + pos, restOffset + nl + 1);
      pos = nl + 1;
      if (line === 1 && at.resume?.header) {
        skipUntil = at.resume.bytes;
        line = at.resume.line;
        const drop = Math.min(skipUntil - (restOffset + pos), buf.length - pos);
        if (drop > 0) pos += drop;
      }
    }
    restOffset += pos;
    rest = pos < buf.length ? buf.subarray(pos) : undefined;
  }
  if (rest && rest.length > 0) {
    line++;
    yield decodeLine(rest, 0, rest.length, line, restOffset, restOffset + rest.length);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeLine(buf: Buffer, start: number, nl: number, line: number, startOffset: number, end: number): InputLine {
  const stop = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl; // CRLF
  const text = buf.toString('utf8', start, stop);
  let invalidUtf8 = false;
  // The lenient decoder marks bad bytes with U+FFFD; only then ask the strict one.
  if (text.includes('\uFFFD')) {
    try {
      strictUtf8.decode(buf.subarray(start, stop));
    } catch {
      invalidUtf8 = true;
    }
  }
  return { text, line, start: startOffset, end, invalidUtf8 };
}
