// VACUUM FULL and CLUSTER rewrite the whole table under an ACCESS EXCLUSIVE lock: nothing reads or
// writes it until they finish. pg_repack (or REPACK ... CONCURRENTLY, PostgreSQL 19+) does the same
// rewrite while the table stays in use.
import type { DefElem } from '@pgsql/types';
import { as, rangeVarKey, stmtAs } from '../ast';
import { isExistingTable } from '../existing-objects';
import type { Rule } from '../types';

export const vacuumFullOrCluster: Rule = {
  meta: {
    id: 'vacuum-full-or-cluster',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'VACUUM FULL or CLUSTER on an existing table.',
    rationale: 'VACUUM FULL and CLUSTER rewrite the table under an ACCESS EXCLUSIVE lock that blocks reads and writes until they finish, and VACUUM cannot run in a migration\'s transaction anyway. Use REPACK (CONCURRENTLY) on PostgreSQL 19+, or the pg_repack extension, outside the migration; plain VACUUM (without FULL) does not block.',
    docs: 'docs/rules/vacuum-full-or-cluster.md',
    fixable: false,
  },
  check(ctx) {
    const instead = ctx.config.postgresVersion >= 19 ? 'REPACK (CONCURRENTLY)' : 'pg_repack';
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const vacuum = stmtAs(stmt, 'VacuumStmt');
        const cluster = stmtAs(stmt, 'ClusterStmt');
        if (!vacuum && !cluster) continue;
        const full = (vacuum?.options ?? []).map((o) => as(o, 'DefElem')).find((d): d is DefElem => d?.defname === 'full');
        const rels = vacuum ? (vacuum.rels ?? []).map((r) => as(r, 'VacuumRelation')?.relation) : [cluster?.relation];
        if (!(full && isOn(full)) && !cluster) continue;
        // With no table named, every table of the database is rewritten.
        if (rels.length > 0 && rels[0] !== undefined && !rels.some((rv) => isExistingTable(m.up, stmt, rangeVarKey(rv)))) continue;
        const what = cluster ? 'CLUSTER' : 'VACUUM FULL';
        ctx.report({
          file: m.up.section.file,
          start: stmt.start,
          end: stmt.end,
          message: `${what} rewrites the table under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes`,
          help: `use ${instead} outside the migration to rewrite the table while it stays in use`,
        });
      }
    }
  },
};

/** `FULL`, `FULL true`, `FULL 1`: on; `FULL false` / `FULL 0` / `FULL off`: off. */
function isOn(d: DefElem): boolean {
  const arg = d.arg;
  const b = as(arg, 'Boolean');
  if (b) return b.boolval === true;
  const s = as(arg, 'String')?.sval?.toLowerCase();
  if (s !== undefined) return !['false', 'off', 'no', '0'].includes(s);
  const i = as(arg, 'Integer');
  if (i) return (i.ival ?? 0) !== 0;
  return true;
}
