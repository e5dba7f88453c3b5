// The edit behind "Disable <rule> for this line/statement": a
// `-- pgvector-migrator-disable-next-line <rule>` comment placed where disable-comments.ts will
// read it as covering the finding. Above the statement's first line it silences the statement;
// inside a multi-line statement it silences the next line only, which is the narrower choice.
import type { SqlComment, SqlToken } from '../sql/split';
import type { Finding, Fix } from '../lint/types';

export const DISABLE_NEXT_LINE = 'pgvector-migrator-disable-next-line';

/** What the helper needs to know about the finding's file. */
export interface FileSyntax {
  text: string;
  statements: readonly { start: number; end: number; endWithSemicolon: number; tokens: readonly SqlToken[] }[];
  comments: readonly SqlComment[];
}

/**
 * The fix that silences `finding`, or undefined when no directive can: findings outside every
 * statement (a missing header, a file name) are turned off in the config's `rules` map instead.
 */
export function disableNextLineFix(finding: Pick<Finding, 'rule' | 'file' | 'start'>, file: FileSyntax): Fix | undefined {
  const { text } = file;
  const stmt = file.statements.find((s) => s.start <= finding.start && finding.start <= s.endWithSemicolon);
  if (!stmt) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const findingLine = lineStart(text, finding.start);
  // A later line of the statement, not inside a multi-line string, with statement text after it.
  const lineInside = findingLine > stmt.start
    && !stmt.tokens.some((t) => t.start < findingLine && findingLine < t.end)
    && findingLine < stmt.end;
  const scope = lineInside ? 'line' : 'statement';
  const title = `Disable ${finding.rule} for this ${scope}`;

  const at = lineInside ? findingLine : onlyWhitespaceBefore(text, stmt.start) ? lineStart(text, stmt.start) : stmt.start;
  const existing = directiveAbove(file, at);
  if (existing) {
    return { title, edits: [{ file: finding.file, start: existing, end: existing, newText: `, ${finding.rule}` }] };
  }
  const indent = at === stmt.start ? '' : (/^[ \t]*/.exec(text.slice(at)) ?? [''])[0];
  return { title, edits: [{ file: finding.file, start: at, end: at, newText: `${indent}-- ${DISABLE_NEXT_LINE} ${finding.rule}${eol}` }] };
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function onlyWhitespaceBefore(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

/**
 * Where to append to a directive that names rules and ends on the line just above `at`: it
 * already covers what a new directive at `at` would, so one more id goes on its list.
 */
function directiveAbove(file: FileSyntax, at: number): number | undefined {
  if (at === 0) return undefined;
  const previousLine = lineStart(file.text, at - 1);
  const comment = file.comments.find((c) => c.start >= previousLine && c.end <= at && c.text.startsWith('--'));
  if (!comment || file.text.slice(comment.end, at).trim() !== '') return undefined;
  const m = new RegExp(`^--\\s*${DISABLE_NEXT_LINE}\\b(.*?)\\s*$`).exec(comment.text);
  if (!m || m[1].trim() === '') return undefined;
  return comment.start + comment.text.trimEnd().length;
}
