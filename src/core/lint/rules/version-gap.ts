// Sequential versions (0001, 0002, ...) with a number missing: usually a migration that was
// renumbered, deleted after it was applied somewhere, or not yet merged from another branch.
// Timestamp versions (dbmate, 20260105120000) are not sequential and are not checked.
import * as path from 'node:path';
import { fileHeadRange } from '../file-positions';
import type { Rule } from '../types';

/** Versions this long are timestamps, not counters. */
const TIMESTAMP_DIGITS = 8;

export const versionGap: Rule = {
  meta: {
    id: 'version-gap',
    checklistItem: 2,
    defaultSeverity: 'warning',
    description: 'A sequential version number is skipped (0001, 0002, 0004).',
    rationale: 'A gap usually means a migration was renumbered or deleted, or lives on another branch; when it turns up later it is applied out of order on databases that already ran the ones after it. Renumber to close the gap, or add the missing migration.',
    docs: 'docs/rules/version-gap.md',
    fixable: false,
  },
  check(ctx) {
    const sequential = ctx.migrations.filter((m) => m.migration.versionParts.length === 1 && /^\d+$/.test(m.migration.version) && m.migration.version.length < TIMESTAMP_DIGITS);
    if (sequential.length !== ctx.migrations.length) return;
    for (let i = 1; i < sequential.length; i++) {
      const prev = sequential[i - 1].migration;
      const m = sequential[i].migration;
      const gap = m.versionParts[0] - prev.versionParts[0];
      if (gap <= 1) continue;
      const width = m.version.length;
      const missing = Array.from({ length: Math.min(gap - 1, 3) }, (_, k) => String(prev.versionParts[0] + k + 1).padStart(width, '0'));
      const list = gap - 1 > 3 ? `${missing.join(', ')}, ... (${gap - 1} in all)` : missing.join(', ');
      ctx.report({
        file: m.files[0],
        ...fileHeadRange(m),
        message: `version${gap - 1 > 1 ? 's' : ''} ${list} missing between ${path.basename(prev.files[0])} and ${path.basename(m.files[0])}`,
        help: `renumber this migration to ${String(prev.versionParts[0] + 1).padStart(width, '0')}, or add the missing one`,
      });
    }
  },
};
