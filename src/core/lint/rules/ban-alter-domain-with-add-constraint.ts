// ALTER DOMAIN ... ADD CONSTRAINT checks every column of every table that uses the domain, while
// holding locks on all of them; unlike a table constraint there is no per-table way to stage it.
import { names, rangeAtLocation, as, stmtAs } from '../ast';
import { newObjectsBefore } from '../existing-objects';
import type { Rule } from '../types';

export const banAlterDomainWithAddConstraint: Rule = {
  meta: {
    id: 'ban-alter-domain-with-add-constraint',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'ALTER DOMAIN ... ADD CONSTRAINT (without NOT VALID) on an existing domain.',
    rationale: 'Adding a constraint to a domain checks every column of every table that uses the domain, in one statement, locking all of those tables while it scans them. Put the rule on the columns as table CHECK constraints instead (added NOT VALID, validated separately), or add the domain constraint NOT VALID and validate it at a quiet time.',
    docs: 'docs/rules/ban-alter-domain-with-add-constraint.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const alter = stmtAs(stmt, 'AlterDomainStmt');
        const con = as(alter?.def, 'Constraint');
        if (alter?.subtype !== 'C' || !con || con.skip_validation) continue;
        const domain = names(alter.typeName).join('.');
        if (newObjectsBefore(m.up, stmt).domains.has(domain.toLowerCase())) continue;
        ctx.report({
          file: m.up.section.file,
          ...rangeAtLocation(stmt, con.location),
          message: `adding a constraint to domain ${domain} checks every column of every table that uses it, locking them all during the scan`,
          help: 'use CHECK constraints on the table columns (NOT VALID, then VALIDATE), or ADD CONSTRAINT ... NOT VALID on the domain and validate it separately',
        });
      }
    }
  },
};
