// The team's header: `-- Key: value` comment lines at the top of a migration file.
import type { HeaderField, MigrationHeader } from './types';

const FIELD_LINE = /^--\s*([A-Za-z][A-Za-z -]*?)\s*:\s*(.*?)\s*$/;
const SECTION_MARKER = /^--\s*(UP|DOWN)\s+Migration\b|^--\s*migrate:(up|down)\b/i;

/** Reads the leading comment block; stops at the first line that is not a comment or blank. */
export function parseHeader(text: string): MigrationHeader {
  const fields: Record<string, HeaderField> = {};
  let offset = 0;
  let end = 0;
  let lineNo = 0;
  for (const rawLine of text.split('\n')) {
    lineNo++;
    const line = rawLine.replace(/\r$/, '').trim();
    const lineEnd = offset + rawLine.length;
    if (line === '') {
      offset = lineEnd + 1;
      continue;
    }
    if (!line.startsWith('--') || SECTION_MARKER.test(line)) break;
    const m = FIELD_LINE.exec(line);
    if (m) {
      const key = m[1].toLowerCase();
      if (!(key in fields)) fields[key] = { value: m[2], line: lineNo };
    }
    end = lineEnd;
    offset = lineEnd + 1;
  }
  const deps = fields['dependencies']?.value ?? '';
  const dependencies = /^(none|n\/a|-|)$/i.test(deps.trim())
    ? []
    : deps.split(/[,\s]+/).map((d) => d.trim()).filter((d) => d !== '');
  return { fields, dependencies, start: 0, end };
}
