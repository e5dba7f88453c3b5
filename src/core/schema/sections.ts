// Statements of migration sections, split once and shared by the checks that locate findings.
import type { Section } from '../migrations/types';
import { LineIndex } from '../sql/positions';
import { splitStatements, SqlStatement } from '../sql/split';
import type { TextRange } from './locate';

const cache = new WeakMap<Section, SqlStatement[]>();

export function sectionStatements(section: Section): SqlStatement[] {
  let statements = cache.get(section);
  if (!statements) {
    statements = splitStatements(section.fileText, section.start, section.end).statements.filter((s) => s.kind === 'sql');
    cache.set(section, statements);
  }
  return statements;
}

/** The section's marker line (`-- DOWN Migration`) or its first statement's first line. */
export function sectionHead(section: Section): TextRange {
  const text = section.fileText;
  let start = section.start;
  if (section.markerLine) start = new LineIndex(text).offsetAt({ line: section.markerLine, column: 1 });
  else {
    const first = sectionStatements(section)[0];
    if (first) start = first.start;
  }
  const newline = text.indexOf('\n', start);
  return { start, end: newline < 0 ? text.length : newline };
}
