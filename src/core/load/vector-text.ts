// Checks pgvector values in their text forms the way pgvector's input functions read them, in one
// pass over the characters and without building the numbers (a million rows of 768 elements is
// most of a load's client time): dimensions, finite elements within the type's range, zero vectors.

export interface DenseScan {
  dimensions: number;
  /** Every element is zero (or too small for the type to hold). */
  zero: boolean;
  /** The text holds a tab, newline or carriage return (as white space): COPY text must escape it. */
  controlSpace: boolean;
}


/** float4 holds up to 3.4028235e38; halfvec up to 65504 (65520 and above round to infinity). */
const LIMITS = {
  vector: { maxExponent: 38, inRange: (v: number) => Number.isFinite(Math.fround(v)), minExponent: -46, range: '±3.4e38' },
  halfvec: { maxExponent: 4, inRange: (v: number) => Math.abs(v) < 65520, minExponent: -8, range: '±65504' },
};

/** `[1,2.5,-3e-2]`: a DenseScan, or why pgvector would refuse it (element numbers are 1-based). */
export function scanDense(s: string, type: 'vector' | 'halfvec'): DenseScan | string {
  // Bytes, not charCodeAt: indexing a Buffer is about twice as fast, and this runs 768 times a row.
  // latin1 keeps one byte a character, so offsets stay those of the string.
  const scanned = scanDenseBytes(Buffer.from(s, 'latin1'), type);
  // latin1 keeps only the low byte of other characters ("ı" would read as "1"): refuse them.
  if (typeof scanned !== 'string' && Buffer.byteLength(s, 'utf8') !== s.length) return 'holds a character that is not part of a number';
  return scanned;
}

export function scanDenseBytes(b: Uint8Array, type: 'vector' | 'halfvec'): DenseScan | string {
  const limits = LIMITS[type];
  const n = b.length;
  let controlSpace = false;
  let i = 0;
  let c = n > 0 ? b[0] : -1;
  while (c === 32 || (c >= 9 && c <= 13)) c = ++i < n ? b[i] : -1;
  if (c !== 91) return `is not a ${type}: it must start with "["`;
  c = ++i < n ? b[i] : -1;
  while (c === 32 || (c >= 9 && c <= 13)) { if (c !== 32) controlSpace = true; c = ++i < n ? b[i] : -1; }
  if (c === 93) return trailingBytes(b, i + 1) ?? 'is an empty vector';
  let count = 0;
  let zero = true;
  // Small integers only in this loop (NONE for "no significant digit yet").
  const NONE = -1000000;
  for (;;) {
    while (c === 32 || (c >= 9 && c <= 13)) { if (c !== 32) controlSpace = true; c = ++i < n ? b[i] : -1; }
    const start = i;
    count++;
    if (c === 43 || c === 45) c = ++i < n ? b[i] : -1;
    // Decimal exponent of the first significant digit, found while reading the digits.
    let digits = 0;
    let magnitude = NONE;
    let intDigits = 0;
    while (c >= 48 && c <= 57) {
      if (magnitude === NONE && c !== 48) magnitude = 0;
      if (magnitude !== NONE) intDigits++;
      digits++;
      c = ++i < n ? b[i] : -1;
    }
    if (intDigits > 0) magnitude = intDigits - 1;
    if (c === 46) {
      c = ++i < n ? b[i] : -1;
      let k = 0;
      while (c >= 48 && c <= 57) {
        k++;
        if (magnitude === NONE && c !== 48) magnitude = -k;
        digits++;
        c = ++i < n ? b[i] : -1;
      }
    }
    if (digits === 0) return notANumber(b, start, count, type);
    if (c === 101 || c === 69) {
      c = ++i < n ? b[i] : -1;
      let sign = 1;
      if (c === 43 || c === 45) { if (c === 45) sign = -1; c = ++i < n ? b[i] : -1; }
      let exp = 0;
      let expDigits = 0;
      while (c >= 48 && c <= 57) { if (exp < 100000) exp = exp * 10 + (c - 48); expDigits++; c = ++i < n ? b[i] : -1; }
      if (expDigits === 0) return notANumber(b, start, count, type);
      if (magnitude !== NONE) magnitude += sign * exp;
    }
    if (magnitude !== NONE) {
      if (magnitude >= limits.maxExponent) {
        const token = latin1(b, start, i);
        if (!limits.inRange(Number(token))) return `element ${count} is ${token}, out of range for ${type} (${limits.range})`;
      }
      if (magnitude > limits.minExponent) zero = false;
    }
    while (c === 32 || (c >= 9 && c <= 13)) { if (c !== 32) controlSpace = true; c = ++i < n ? b[i] : -1; }
    if (c === 44) { c = ++i < n ? b[i] : -1; continue; }
    if (c === 93) {
      const after = trailingBytes(b, i + 1);
      if (after) return after;
      break;
    }
    return notANumber(b, start, count, type);
  }
  return { dimensions: count, zero, controlSpace };
}

function latin1(b: Uint8Array, from: number, to: number): string {
  return Buffer.from(b.buffer, b.byteOffset + from, to - from).toString('latin1');
}

function trailingBytes(b: Uint8Array, i: number): string | undefined {
  for (; i < b.length; i++) {
    const c = b[i];
    if (!(c === 32 || (c >= 9 && c <= 13))) return `has text after its closing "]"`;
  }
  return undefined;
}

function notANumber(b: Uint8Array, start: number, element: number, type: string): string {
  let end = start;
  while (end < b.length && b[end] !== 44 && b[end] !== 93) end++;
  const token = latin1(b, start, end).trim();
  if (/^[+-]?nan$/i.test(token)) return `element ${element} is NaN: ${type} elements must be finite numbers`;
  if (/^[+-]?inf(inity)?$/i.test(token)) return `element ${element} is ${token}: ${type} elements must be finite numbers`;
  if (token === '') return `element ${element} is empty`;
  return `element ${element} is not a number: ${JSON.stringify(token.length > 40 ? token.slice(0, 40) + '…' : token)}`;
}

export interface SparseScan {
  dimensions: number;
  zero: boolean;
}

/** `{1:0.5,3:-2}/5`: 1-based indices within the dimensions, no duplicates, finite values. */
export function scanSparse(s: string): SparseScan | string {
  const m = /^\s*\{(.*)\}\s*\/\s*(\d+)\s*$/s.exec(s);
  if (!m) return 'is not a sparsevec: it must look like {1:0.5,3:0.2}/5';
  const dimensions = Number(m[2]);
  if (dimensions < 1) return 'is a sparsevec with 0 dimensions';
  const body = m[1].trim();
  let zero = true;
  if (body === '') return { dimensions, zero };
  const seen = new Set<number>();
  const pairs = body.split(',');
  for (const [k, pair] of pairs.entries()) {
    const colon = pair.indexOf(':');
    const indexText = (colon < 0 ? pair : pair.slice(0, colon)).trim();
    const valueText = colon < 0 ? '' : pair.slice(colon + 1).trim();
    if (!/^\d+$/.test(indexText) || colon < 0) return `element ${k + 1} is not index:value: ${JSON.stringify(pair.trim())}`;
    const index = Number(indexText);
    if (index < 1 || index > dimensions) return `element ${k + 1} has index ${index}, outside 1..${dimensions}`;
    if (seen.has(index)) return `index ${index} appears twice`;
    seen.add(index);
    const scanned = scanDense(`[${valueText}]`, 'vector');
    if (typeof scanned === 'string') return scanned.replace(/^element 1\b/, `element ${k + 1}`).replace(/\bvector\b/, 'sparsevec');
    if (!scanned.zero) zero = false;
  }
  return { dimensions, zero };
}

/** Bit strings: 0/1 digits (or B'…'/X'…' forms as PostgreSQL reads them); the length in bits. */
export function bitLength(s: string): number | string {
  if (/^[01]*$/.test(s)) return s.length;
  const m = /^([bBxX])(.*)$/.exec(s);
  if (m && (m[1] === 'b' || m[1] === 'B') && /^[01]*$/.test(m[2])) return m[2].length;
  if (m && /^[0-9a-fA-F]*$/.test(m[2])) return m[2].length * 4;
  return `is not a bit string: ${JSON.stringify(s.length > 40 ? s.slice(0, 40) + '…' : s)}`;
}
