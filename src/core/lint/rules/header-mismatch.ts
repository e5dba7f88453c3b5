// The header's Migration field names another file: usually a copied template or a renamed file,
// and a reader of the header (or of a Dependencies list) is sent to the wrong migration.
import * as path from 'node:path';
import { headerValueRange } from '../file-positions';
import type { Rule } from '../types';

export const headerMismatch: Rule = {
  meta: {
    id: 'header-mismatch',
    checklistItem: 10,
    defaultSeverity: 'warning',
    description: 'The header\'s Migration field names a different file.',
    rationale: 'A header copied from another migration, or left behind by a rename, describes the wrong file and sends reviewers to the wrong place. Make the Migration field the file\'s own name.',
    docs: 'docs/rules/header-mismatch.md',
    fixable: true,
  },
  check(ctx) {
    for (const { migration: m } of ctx.migrations) {
      const field = m.header.fields['migration'];
      if (!field || field.value.trim() === '') continue;
      const file = m.up.file;
      const base = path.basename(file);
      const value = field.value.trim();
      if (value === base || `${value}.sql` === base || value === `${m.version}_${m.name}`) continue;
      const range = headerValueRange(m.up.fileText, field);
      ctx.report({
        file, ...range,
        message: `the header says Migration: ${value}, but this file is ${base}`,
        help: `change it to ${base}`,
        fix: { title: `Change to ${base}`, edits: [{ file, ...range, newText: base }] },
      });
    }
  },
};
