// PostgreSQL silently truncates identifiers to 63 bytes (NAMEDATALEN - 1) with only a NOTICE:
// two long names that share their first 63 bytes become the same name, and a DOWN or a later
// migration that spells the full name refers to something that does not exist.
import { statementsOf } from '../parse-set';
import { memoByStatement } from '../statement-memo';
import type { ParsedStatement, Rule } from '../types';

const MAX_BYTES = 63;

export const identifierTooLong: Rule = {
  meta: {
    id: 'identifier-too-long',
    checklistItem: 7,
    defaultSeverity: 'warning',
    description: 'An identifier longer than 63 bytes, which PostgreSQL truncates silently.',
    rationale: 'PostgreSQL keeps only the first 63 bytes of a name. Two names that differ after that collide, and code that uses the full name (a DOWN, a later migration, the application) is talking about a different name than the catalog holds. Shorten the name.',
    docs: 'docs/rules/identifier-too-long.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const { stmt, section } of statementsOf(m)) {
        for (const long of memoByStatement('identifier-too-long', stmt, longIdentifiers)) {
          ctx.report({
            file: section.section.file,
            start: long.start,
            end: long.end,
            message: `identifier is ${long.bytes} bytes long; PostgreSQL truncates it to "${truncate(long.name)}"`,
            help: `shorten it to ${MAX_BYTES} bytes or fewer`,
          });
        }
      }
    }
  },
};

interface LongIdentifier {
  start: number;
  end: number;
  /** The name as PostgreSQL stores it, and its length in UTF-8 bytes. */
  name: string;
  bytes: number;
}

/** A quoted identifier, or a run of identifier characters long enough: statements without one need no tokens. */
const MAY_HOLD_LONG_IDENTIFIER = new RegExp(`"|[a-z0-9_$\\u0080-\\uffff]{${Math.floor(MAX_BYTES / 3) + 1}}`, 'i');

function longIdentifiers(stmt: ParsedStatement): LongIdentifier[] {
  const out: LongIdentifier[] = [];
  if (stmt.kind !== 'sql' || !MAY_HOLD_LONG_IDENTIFIER.test(stmt.text)) return out;
  for (const t of stmt.tokens) {
    // At most 3 UTF-8 bytes per UTF-16 unit: shorter tokens cannot be over the limit.
    if (t.kind !== 'IDENT' || t.text.length <= MAX_BYTES / 3) continue;
    const name = t.text.startsWith('"') ? t.text.slice(1, -1).replace(/""/g, '"') : t.text.toLowerCase();
    const bytes = Buffer.byteLength(name, 'utf8');
    if (bytes > MAX_BYTES) out.push({ start: t.start, end: t.end, name, bytes });
  }
  return out;
}

/** The first 63 bytes, never cutting a multi-byte character in half (as PostgreSQL does). */
function truncate(name: string): string {
  let out = '';
  for (const ch of name) {
    if (Buffer.byteLength(out + ch, 'utf8') > MAX_BYTES) break;
    out += ch;
  }
  return out;
}
