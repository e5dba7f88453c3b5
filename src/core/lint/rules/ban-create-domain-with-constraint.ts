// A domain with a CHECK or NOT NULL spreads one rule over every column that uses it, and changing
// that rule later means ALTER DOMAIN, which checks all of those columns at once under locks.
import type { Constraint } from '@pgsql/types';
import { as, names, rangeAtLocation, stmtAs } from '../ast';
import type { Rule } from '../types';

/** DEFAULT and NULL are not rules about the data. */
const NOT_RULES = new Set<Constraint['contype']>(['CONSTR_DEFAULT', 'CONSTR_NULL']);

export const banCreateDomainWithConstraint: Rule = {
  meta: {
    id: 'ban-create-domain-with-constraint',
    checklistItem: 6,
    defaultSeverity: 'warning',
    description: 'CREATE DOMAIN with a CHECK or NOT NULL constraint.',
    rationale: 'Every column of the domain\'s type inherits its constraint, and changing the constraint later requires ALTER DOMAIN, which validates all of those columns in one statement while locking their tables; NOT NULL on a domain is also not enforced everywhere (outer joins, composite fields). Use a plain domain (or the base type) and CHECK constraints on the table columns.',
    docs: 'docs/rules/ban-create-domain-with-constraint.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const domain = stmtAs(stmt, 'CreateDomainStmt');
        for (const c of domain?.constraints ?? []) {
          const con = as(c, 'Constraint');
          if (!con || NOT_RULES.has(con.contype)) continue;
          ctx.report({
            file: m.up.section.file,
            ...rangeAtLocation(stmt, con.location),
            message: `domain ${names(domain?.domainname).join('.')} carries a constraint; changing it later locks and rescans every table that uses the domain`,
            help: 'put the constraint on the table columns as CHECK constraints instead',
          });
        }
      }
    }
  },
};
