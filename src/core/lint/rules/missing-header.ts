// The team's header (Migration, Description, Dependencies, Author, Date) is how a reviewer
// learns what a migration is for and what it needs; checklist item 10 asks for it.
import * as path from 'node:path';
import type { ParsedMigration } from '../types';
import { firstLineRange, lineRange } from '../file-positions';
import type { Rule } from '../types';

const FIELDS = ['migration', 'description', 'dependencies', 'author', 'date'];
const LABEL: Record<string, string> = { migration: 'Migration', description: 'Description', dependencies: 'Dependencies', author: 'Author', date: 'Date' };

export const missingHeader: Rule = {
  meta: {
    id: 'missing-header',
    checklistItem: 10,
    defaultSeverity: 'warning',
    description: 'A migration without the header (Migration, Description, Dependencies, Author, Date), or with fields missing or empty.',
    rationale: 'The header says what a migration does and why, what it depends on, and who to ask; reviews and the Migrations view read it. Options: "required" (field names), "layouts" (default ["default"]).',
    docs: 'docs/rules/missing-header.md',
    fixable: true,
  },
  check(ctx) {
    const required = stringList(ctx.options.required) ?? FIELDS;
    const layouts = stringList(ctx.options.layouts) ?? ['default'];
    if (!layouts.includes(ctx.migrationSet.layout)) return;
    for (const m of ctx.migrations) {
      const { header, up } = m.migration;
      const file = up.file;
      const text = up.fileText;
      const present = Object.keys(header.fields);
      if (present.length === 0) {
        ctx.report({
          file, ...firstLineRange(text),
          message: `${path.basename(file)} has no header`,
          help: `start the file with -- ${required.map((f) => `${LABEL[f] ?? f}:`).join(', -- ')} comment lines`,
          fix: { title: 'Add the migration header', edits: [{ file, start: 0, end: 0, newText: `${required.map((f) => `-- ${LABEL[f] ?? f}: ${defaultValue(f, m, ctx.migrations)}`).join('\n')}\n\n` }] },
        });
        continue;
      }
      const missing = required.filter((f) => !header.fields[f]);
      const empty = required.filter((f) => header.fields[f] && header.fields[f].value.trim() === '');
      if (missing.length > 0) {
        const lastLine = Math.max(...Object.values(header.fields).map((f) => f.line));
        const at = lineRange(text, lastLine).end;
        ctx.report({
          file, ...lineRange(text, Math.min(...Object.values(header.fields).map((f) => f.line))),
          message: `the header has no ${missing.map((f) => LABEL[f] ?? f).join(', ')} field${missing.length > 1 ? 's' : ''}`,
          help: `add ${missing.map((f) => `-- ${LABEL[f] ?? f}: ...`).join(' and ')}`,
          fix: { title: `Add ${missing.map((f) => LABEL[f] ?? f).join(', ')} to the header`, edits: [{ file, start: at, end: at, newText: missing.map((f) => `\n-- ${LABEL[f] ?? f}: ${defaultValue(f, m, ctx.migrations)}`).join('') }] },
        });
      }
      for (const f of empty) {
        ctx.report({ file, ...lineRange(text, header.fields[f].line), message: `the header's ${LABEL[f] ?? f} field is empty`, help: f === 'dependencies' ? 'write "none" when the migration depends on nothing' : `say what goes in ${LABEL[f] ?? f}` });
      }
    }
  },
};

function defaultValue(field: string, m: ParsedMigration, all: readonly ParsedMigration[]): string {
  switch (field) {
    case 'migration':
      return path.basename(m.migration.files[0]);
    case 'dependencies': {
      const prev = all[m.index - 1];
      return prev ? path.basename(prev.migration.files[0]) : 'none';
    }
    case 'date':
      return new Date().toISOString().slice(0, 10);
    default:
      return 'TODO';
  }
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.map((x) => x.toLowerCase()) : undefined;
}
