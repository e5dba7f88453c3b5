// A file or statement the linter would not parse: larger than its size limits or nested deeper
// than its parser can take. Reported as an error, so that lint never passes a file it did not check.
import * as path from 'node:path';
import { describeBytes, LimitHit } from '../lint-limits';
import type { Rule } from '../types';

export const lintLimit: Rule = {
  meta: {
    id: 'lint-limit',
    checklistItem: 7,
    defaultSeverity: 'error',
    description: 'A file or statement is too large or nested too deep to lint (options "maxFileMegabytes", "maxStatementMegabytes", "maxNestingDepth").',
    rationale: 'The linter keeps its memory bounded and its parser within its stack: a file over 2 MB, a statement over 1 MB or an expression nested over 2000 deep is not parsed, so none of the rules checked it. Move bulk data out of the migration (COPY), split the statement, or raise the limit in the rule\'s options.',
    docs: 'docs/rules/lint-limit.md',
    fixable: false,
  },
  check(ctx) {
    const reportedFiles = new Set<string>();
    for (const m of ctx.migrations) {
      for (const section of m.down ? [m.up, m.down] : [m.up]) {
        const { file, fileText, start } = section.section;
        if (section.limitHit && !reportedFiles.has(file)) {
          reportedFiles.add(file);
          const lineEnd = fileText.indexOf('\n', start);
          ctx.report({
            file, start, end: lineEnd === -1 ? Math.min(fileText.length, start + 1) : Math.max(start + 1, lineEnd),
            message: `${path.basename(file)} is ${describeLimit(section.limitHit)}: none of its statements were checked`,
            help: 'move bulk data out of the migration (load it with COPY), split the file, or raise "maxFileMegabytes" in the rule\'s options',
          });
        }
        for (const stmt of section.statements) {
          if (!stmt.limitHit) continue;
          const first = stmt.tokens[0];
          ctx.report({
            file, start: stmt.start, end: first ? first.end : stmt.start + 1,
            message: `this statement is ${describeLimit(stmt.limitHit)}: it was not parsed, so no rule checked it`,
            help: stmt.limitHit.limit === 'nesting-depth'
              ? 'rewrite the expression flatter (PostgreSQL itself refuses deep nesting: "stack depth limit exceeded"), or raise "maxNestingDepth"'
              : 'load bulk data with COPY instead of one huge statement, split it, or raise "maxStatementMegabytes"',
          });
        }
      }
    }
  },
};

function describeLimit(hit: LimitHit): string {
  switch (hit.limit) {
    case 'file-size':
      return `${describeBytes(hit.actual)}, over the lint limit of ${describeBytes(hit.max)} for a file (maxFileMegabytes)`;
    case 'statement-size':
      return `${describeBytes(hit.actual)}, over the lint limit of ${describeBytes(hit.max)} for a statement (maxStatementMegabytes)`;
    case 'nesting-depth':
      return `nested about ${hit.actual} deep, over the lint limit of ${hit.max} (maxNestingDepth)`;
  }
}
