// A lexer that finds statement boundaries the way PostgreSQL's scanner does — quotes, E'' and
// U&'' strings, dollar quotes, nested comments, numbers — without building tokens. Splitting a
// large file on libpg-query's scanSync made it print, and us parse back, a JSON object per token;
// this walks the characters once. Tokens, where a rule needs them, come from scanSync on the one
// statement (see split.ts). Tests check the boundaries against scanSync on whole corpora.
import type { SqlComment } from './split';

export interface LexedPiece {
  kind: 'sql' | 'meta';
  /** First and past-the-last character of the statement's tokens (of the line, indent excluded, for meta). */
  start: number;
  end: number;
  /** Just after the terminating semicolon, or `end`. */
  endWithSemicolon: number;
  comments: SqlComment[];
}

export interface LexResult {
  pieces: LexedPiece[];
  trailingComments: SqlComment[];
  /** Set when the text cannot be scanned (an unterminated string, a number with trailing junk). */
  error?: string;
}

class ScanError extends Error {}

const SPACE = 32, TAB = 9, LF = 10, CR = 13, FF = 12, VT = 11;
const QUOTE = 39, DQUOTE = 34, DOLLAR = 36, SEMI = 59, BACKSLASH = 92, DOT = 46, MINUS = 45, SLASH = 47, STAR = 42, AMP = 38, PLUS = 43, UNDERSCORE = 95;

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR || c === FF || c === VT;
}
function isLineEnd(c: number): boolean {
  return c === LF || c === CR || c === 0x2028 || c === 0x2029;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === UNDERSCORE || c >= 0x80;
}
function isIdentChar(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === DOLLAR;
}
function isDollarTagChar(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}
function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Lexes `source.slice(from, to)`; every offset returned is an offset into `source`. */
export function lexStatements(source: string, from: number, to: number): LexResult {
  try {
    return new Lexer(source, from, to).run();
  } catch (err) {
    if (err instanceof ScanError) return { pieces: [], trailingComments: [], error: err.message };
    throw err;
  }
}

class Lexer {
  private readonly pieces: LexedPiece[] = [];
  private comments: SqlComment[] = [];
  private first = -1;
  private last = -1;
  private atomicDepth = 0;
  private caseDepth = 0;
  private previousWasBegin = false;

  constructor(private readonly s: string, private readonly from: number, private readonly to: number) {}

  run(): LexResult {
    const { s, to } = this;
    let i = this.from;
    let lineStart = true;
    while (i < to) {
      const c = s.charCodeAt(i);
      if (lineStart) {
        const meta = this.metaLineEnd(i);
        if (meta >= 0) {
          this.addMeta(i, meta);
          i = meta;
          continue;
        }
      }
      lineStart = c === LF || c === CR;
      if (isSpace(c)) i++;
      else i = this.next(i, c);
    }
    this.flush(undefined);
    return { pieces: this.pieces, trailingComments: this.comments };
  }

  /** A psql line (`\set ...`, optionally indented) starting at `i`: the offset where it ends, or -1. */
  private metaLineEnd(i: number): number {
    const { s, to } = this;
    let j = i;
    while (j < to && (s.charCodeAt(j) === SPACE || s.charCodeAt(j) === TAB)) j++;
    if (j >= to || s.charCodeAt(j) !== BACKSLASH) return -1;
    while (j < to && !isLineEnd(s.charCodeAt(j))) j++;
    return j;
  }

  private addMeta(start: number, end: number): void {
    this.flush(undefined);
    let trimmedStart = start;
    while (this.s.charCodeAt(trimmedStart) === SPACE || this.s.charCodeAt(trimmedStart) === TAB) trimmedStart++;
    this.pieces.push({ kind: 'meta', start: trimmedStart, end, endWithSemicolon: end, comments: this.comments });
    this.comments = [];
  }

  /** Records a token (not a comment) from `start` to `end`; returns `end`. */
  private token(start: number, end: number): number {
    if (this.first < 0) this.first = start;
    this.last = end;
    this.previousWasBegin = false;
    return end;
  }

  private flush(semicolonEnd: number | undefined): void {
    if (this.first < 0) return;
    this.pieces.push({ kind: 'sql', start: this.first, end: this.last, endWithSemicolon: semicolonEnd ?? this.last, comments: this.comments });
    this.first = -1;
    this.last = -1;
    this.comments = [];
  }

  private next(i: number, c: number): number {
    const s = this.s;
    const d = i + 1 < this.to ? s.charCodeAt(i + 1) : -1;
    if (c === MINUS && d === MINUS) return this.lineComment(i);
    if (c === SLASH && d === STAR) return this.blockComment(i);
    if (c === QUOTE) return this.token(i, this.quoted(i + 1, false));
    if (c === DQUOTE) return this.token(i, this.quotedIdent(i + 1));
    if (c === DOLLAR) return this.dollar(i, d);
    if (c === SEMI) {
      if (this.atomicDepth === 0) {
        this.flush(i + 1);
        this.previousWasBegin = false;
        return i + 1;
      }
      return this.token(i, i + 1);
    }
    if (isDigit(c) || (c === DOT && isDigit(d))) return this.token(i, this.number(i));
    if (isIdentStart(c)) return this.word(i, c, d);
    return this.token(i, i + 1);
  }

  private lineComment(i: number): number {
    let j = i + 2;
    while (j < this.to && s_isNotNewline(this.s.charCodeAt(j))) j++;
    this.comments.push({ start: i, end: j, text: this.s.slice(i, j) });
    return j;
  }

  private blockComment(i: number): number {
    const s = this.s;
    let depth = 1;
    let j = i + 2;
    while (depth > 0) {
      if (j >= this.to) throw new ScanError('unterminated /* comment');
      const c = s.charCodeAt(j);
      if (c === SLASH && s.charCodeAt(j + 1) === STAR && j + 1 < this.to) {
        depth++;
        j += 2;
      } else if (c === STAR && s.charCodeAt(j + 1) === SLASH && j + 1 < this.to) {
        depth--;
        j += 2;
      } else j++;
    }
    this.comments.push({ start: i, end: j, text: s.slice(i, j) });
    return j;
  }

  /** From just after an opening quote to just after the closing one. */
  private quoted(j: number, backslashEscapes: boolean): number {
    const s = this.s;
    for (;;) {
      if (j >= this.to) throw new ScanError('unterminated quoted string');
      const c = s.charCodeAt(j);
      if (backslashEscapes && c === BACKSLASH) j += 2;
      else if (c === QUOTE) {
        if (j + 1 < this.to && s.charCodeAt(j + 1) === QUOTE) j += 2;
        else return j + 1;
      } else j++;
    }
  }

  private quotedIdent(j: number): number {
    const s = this.s;
    for (;;) {
      if (j >= this.to) throw new ScanError('unterminated quoted identifier');
      if (s.charCodeAt(j) === DQUOTE) {
        if (j + 1 < this.to && s.charCodeAt(j + 1) === DQUOTE) j += 2;
        else return j + 1;
      } else j++;
    }
  }

  /** `$1`, `$tag$ ... $tag$`, `$$ ... $$`, or a lone `$`. */
  private dollar(i: number, d: number): number {
    const s = this.s;
    if (isDigit(d)) {
      let j = i + 1;
      while (j < this.to && isDigit(s.charCodeAt(j))) j++;
      return this.token(i, j);
    }
    let j = i + 1;
    if (d >= 0 && isIdentStart(d)) {
      j++;
      while (j < this.to && isDollarTagChar(s.charCodeAt(j))) j++;
    }
    if (j >= this.to || s.charCodeAt(j) !== DOLLAR) return this.token(i, i + 1);
    const tag = s.slice(i, j + 1);
    const close = s.indexOf(tag, j + 1);
    if (close < 0 || close + tag.length > this.to) throw new ScanError('unterminated dollar-quoted string');
    return this.token(i, close + tag.length);
  }

  private number(i: number): number {
    const s = this.s;
    const to = this.to;
    let j = i;
    const c0 = s.charCodeAt(i);
    const c1 = i + 1 < to ? s.charCodeAt(i + 1) | 0x20 : -1;
    if (c0 === 48 && (c1 === 120 || c1 === 111 || c1 === 98)) {
      const ok = c1 === 120 ? isHexDigit : c1 === 111 ? (c: number) => c >= 48 && c <= 55 : (c: number) => c === 48 || c === 49;
      j = i + 2;
      const digitsFrom = j;
      while (j < to && (ok(s.charCodeAt(j)) || (s.charCodeAt(j) === UNDERSCORE && j + 1 < to && ok(s.charCodeAt(j + 1))))) j++;
      if (j === digitsFrom) throw new ScanError(`invalid ${c1 === 120 ? 'hexadecimal' : c1 === 111 ? 'octal' : 'binary'} integer`);
      return this.noJunk(j);
    }
    j = this.digits(i);
    if (j < to && s.charCodeAt(j) === DOT) {
      if (j + 1 < to && s.charCodeAt(j + 1) === DOT) return j; // 1..2: an integer, then ".."
      j = this.digits(j + 1);
    }
    if (j < to && (s.charCodeAt(j) | 0x20) === 101) {
      let k = j + 1;
      if (k < to && (s.charCodeAt(k) === PLUS || s.charCodeAt(k) === MINUS)) k++;
      if (k < to && isDigit(s.charCodeAt(k))) j = this.digits(k);
      else throw new ScanError('trailing junk after numeric literal');
    }
    return this.noJunk(j);
  }

  private digits(j: number): number {
    const s = this.s;
    while (j < this.to && (isDigit(s.charCodeAt(j)) || (s.charCodeAt(j) === UNDERSCORE && j + 1 < this.to && isDigit(s.charCodeAt(j + 1)) && j > 0 && isDigit(s.charCodeAt(j - 1))))) j++;
    return j;
  }

  private noJunk(j: number): number {
    if (j < this.to && isIdentStart(this.s.charCodeAt(j))) throw new ScanError('trailing junk after numeric literal');
    return j;
  }

  /** An identifier or keyword, or the prefix of E'', B'', X'', N'', U&'' and U&"". */
  private word(i: number, c: number, d: number): number {
    const s = this.s;
    const lower = c | 0x20;
    if (d === QUOTE && (lower === 101 || lower === 98 || lower === 120 || lower === 110)) {
      return this.token(i, this.quoted(i + 2, lower === 101));
    }
    if (lower === 117 && d === AMP && i + 2 < this.to) {
      const q = s.charCodeAt(i + 2);
      if (q === QUOTE) return this.token(i, this.quoted(i + 3, false));
      if (q === DQUOTE) return this.token(i, this.quotedIdent(i + 3));
    }
    let j = i + 1;
    while (j < this.to && isIdentChar(s.charCodeAt(j))) j++;
    const length = j - i;
    const begin = length === 5 && s.slice(i, j).toLowerCase() === 'begin';
    if (length >= 3 && length <= 6 && !begin) this.blockWord(s.slice(i, j).toLowerCase());
    this.token(i, j);
    this.previousWasBegin = begin;
    return j;
  }

  /** BEGIN ATOMIC ... END bodies hold semicolons; CASE ... END inside them does not close them. */
  private blockWord(word: string): void {
    if (word === 'atomic' && this.previousWasBegin) this.atomicDepth++;
    else if (this.atomicDepth > 0 && word === 'case') this.caseDepth++;
    else if (this.atomicDepth > 0 && word === 'end') {
      if (this.caseDepth > 0) this.caseDepth--;
      else this.atomicDepth--;
    }
  }
}

function s_isNotNewline(c: number): boolean {
  return c !== LF && c !== CR;
}
