// Parse results per statement text. Re-linting a file after an edit re-parses only the
// statements whose text changed: the rest come from here (an AST is read-only to everyone).
import { parseSql, ParseFailure, ParseSuccess } from '../sql/parser';

const MAX_ENTRIES = 20_000;
const cache = new Map<string, ParseSuccess | ParseFailure>();

export function parseStatementCached(text: string): ParseSuccess | ParseFailure {
  const hit = cache.get(text);
  if (hit) {
    // Re-insert so the Map's insertion order doubles as least-recently-used order.
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const result = parseSql(text);
  cache.set(text, result);
  if (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return result;
}

/** For tests and the bench: how many statement texts are cached. */
export function parseCacheSize(): number {
  return cache.size;
}

export function clearParseCache(): void {
  cache.clear();
}
