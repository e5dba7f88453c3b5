// `-- pgvector-migrator-disable-next-line <rule-id>[, <rule-id>...]` silences those rules (all
// rules when none is named) for the next statement; written inside a statement, for the next
// line only. Read from real comment tokens, so the phrase inside a string literal does nothing.
import type { SqlComment, SqlStatement } from '../sql/split';

const DIRECTIVE = /^(?:--|\/\*)\s*pgvector-migrator-disable-next-line\b([^\n]*?)(?:\*\/)?\s*$/;

export interface Silenced {
  start: number;
  end: number;
  /** Rule ids, or undefined for every rule. */
  rules?: Set<string>;
}

export function silencedRanges(fileText: string, comments: readonly SqlComment[], statements: readonly Pick<SqlStatement, 'start' | 'end' | 'endWithSemicolon'>[]): Silenced[] {
  const out: Silenced[] = [];
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.text.trim());
    if (!m) continue;
    const ids = m[1].split(/[\s,]+/).map((s) => s.trim()).filter((s) => s !== '' && s !== '--');
    const rules = ids.length ? new Set(ids) : undefined;
    const inside = statements.find((s) => s.start < c.start && c.end <= s.end);
    if (inside) {
      const lineStart = fileText.indexOf('\n', c.end) + 1;
      if (lineStart === 0) continue;
      const nl = fileText.indexOf('\n', lineStart);
      out.push({ start: lineStart, end: nl === -1 ? fileText.length : nl, rules });
      continue;
    }
    const next = statements.find((s) => s.start >= c.end);
    if (next) out.push({ start: next.start, end: next.endWithSemicolon, rules });
  }
  return out;
}

export function isSilenced(ranges: readonly Silenced[], rule: string, start: number): boolean {
  return ranges.some((r) => r.start <= start && start <= r.end && (!r.rules || r.rules.has(rule)));
}
