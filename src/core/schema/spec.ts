// The architecture spec: a Markdown file whose ```sql blocks hold the target schema (DDL) and,
// under a heading that mentions "Query patterns" (or fenced as ```sql query), the queries the
// application runs. Offsets index into the whole file, so findings land on the spec's own lines.
import { splitStatements, SqlStatement } from '../sql/split';

export type SpecBlockKind = 'ddl' | 'query';

export interface SpecBlock {
  kind: SpecBlockKind;
  /** Offsets of the code between the fences. */
  start: number;
  end: number;
  /** 1-based line of the opening fence. */
  fenceLine: number;
  /** The nearest heading above the block, as written (without #). */
  heading?: string;
}

export interface ArchitectureSpec {
  /** Absolute path. */
  file: string;
  text: string;
  blocks: SpecBlock[];
}

export interface SpecStatements {
  ddl: SqlStatement[];
  queries: SqlStatement[];
  /** Blocks the SQL scanner could not read (an unclosed quote or comment). */
  unreadable: { block: SpecBlock; message: string }[];
}

const SQL_LANGUAGES = new Set(['sql', 'postgresql', 'postgres', 'pgsql', 'psql', 'plpgsql']);
/** Info-string words that keep a block out of the checks (an example of what not to do, say). */
const SKIP_WORDS = new Set(['ignore', 'skip', 'no-check']);
const QUERY_HEADING = /query\s+patterns?/i;

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/** Finds the SQL blocks of a Markdown text (CommonMark fences; ATX headings). */
export function parseSpec(text: string, file: string): ArchitectureSpec {
  const blocks: SpecBlock[] = [];
  const headings: { level: number; text: string }[] = [];
  let offset = 0;
  let lineNo = 0;
  let fence: { marker: string; length: number; info: string; contentStart: number; line: number; heading?: string; underQuery: boolean } | undefined;
  while (offset <= text.length) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(offset, lineEnd).replace(/\r$/, '');
    lineNo++;
    if (fence) {
      const close = new RegExp(`^ {0,3}${fence.marker === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
      if (close.test(line)) {
        addBlock(blocks, fence, offset);
        fence = undefined;
      }
    } else {
      const open = FENCE_OPEN.exec(line);
      const heading = ATX_HEADING.exec(line);
      if (open && !(open[2][0] === '`' && open[3].includes('`'))) {
        fence = {
          marker: open[2][0], length: open[2].length, info: open[3].trim(), contentStart: newline < 0 ? text.length : newline + 1,
          line: lineNo, heading: headings[headings.length - 1]?.text, underQuery: headings.some((h) => QUERY_HEADING.test(h.text)),
        };
      } else if (heading) {
        const level = heading[1].length;
        while (headings.length > 0 && headings[headings.length - 1].level >= level) headings.pop();
        headings.push({ level, text: (heading[2] ?? '').trim() });
      }
    }
    if (newline < 0) break;
    offset = newline + 1;
  }
  // An unclosed fence runs to the end of the document, as CommonMark reads it.
  if (fence) addBlock(blocks, fence, text.length);
  return { file, text, blocks };
}

function addBlock(
  blocks: SpecBlock[],
  fence: { info: string; contentStart: number; line: number; heading?: string; underQuery: boolean },
  closeStart: number,
): void {
  const words = fence.info.toLowerCase().split(/[\s,{}]+/).filter(Boolean);
  if (words.length === 0 || !SQL_LANGUAGES.has(words[0])) return;
  if (words.some((w) => SKIP_WORDS.has(w))) return;
  const kind: SpecBlockKind = words.includes('query') || fence.underQuery ? 'query' : 'ddl';
  blocks.push({
    kind, start: fence.contentStart, end: Math.max(fence.contentStart, closeStart), fenceLine: fence.line,
    ...(fence.heading ? { heading: fence.heading } : {}),
  });
}

/** Splits every block into statements (the parser must be loaded: ensureParser()). */
export function specStatements(spec: ArchitectureSpec): SpecStatements {
  const out: SpecStatements = { ddl: [], queries: [], unreadable: [] };
  for (const block of spec.blocks) {
    const { statements, scanError } = splitStatements(spec.text, block.start, block.end);
    if (scanError) {
      out.unreadable.push({ block, message: scanError });
      continue;
    }
    for (const s of statements) {
      if (s.kind !== 'sql') continue;
      (block.kind === 'ddl' ? out.ddl : out.queries).push(s);
    }
  }
  return out;
}
