// The planner chooses plans from table statistics, and a bulk load makes them wrong until
// autovacuum gets round to an ANALYZE — minutes during which queries against the freshly loaded
// table may use a sequential scan instead of the vector or btree index built for them.
import type { RangeVar, VacuumStmt } from '@pgsql/types';
import { as, nameRangeAtLocation, rangeVarKey, rangeVarName, stmtAs } from '../ast';
import { nameTextAt } from '../statement-text';
import type { ParsedStatement, Rule } from '../types';

export const missingAnalyzeAfterBulkLoad: Rule = {
  meta: {
    id: 'missing-analyze-after-bulk-load',
    checklistItem: 9,
    defaultSeverity: 'info',
    description: 'COPY, INSERT ... SELECT or CREATE TABLE AS loads a table and no ANALYZE of it follows in the migration.',
    rationale: 'After a bulk load the table\'s statistics still describe the table as it was, and until autovacuum analyzes it the planner may ignore the indexes built for it. ANALYZE the table right after loading it; it is cheap, and it can run inside the migration\'s transaction.',
    docs: 'docs/rules/missing-analyze-after-bulk-load.md',
    fixable: true,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      // Walk backwards: a load is reported when no ANALYZE of its table comes after it, and only
      // the last load of each table is reported (one ANALYZE after it covers the earlier ones).
      const analyzed = new Set<string>();
      let analyzedAll = false;
      for (const stmt of [...m.up.statements].reverse()) {
        const vacuum = stmtAs(stmt, 'VacuumStmt');
        if (vacuum && isAnalyze(vacuum)) {
          const rels = (vacuum.rels ?? []).map((r) => rangeVarKey(as(r, 'VacuumRelation')?.relation));
          if (rels.length === 0) analyzedAll = true;
          for (const key of rels) if (key) analyzed.add(key);
          continue;
        }
        const target = loadedTable(stmt);
        const key = rangeVarKey(target);
        if (!target || !key || analyzedAll || analyzed.has(key)) continue;
        analyzed.add(key);
        const name = nameTextAt(stmt, target.location);
        ctx.report({
          file: m.up.section.file,
          ...nameRangeAtLocation(stmt, target.location),
          message: `${rangeVarName(target)} is bulk loaded and not analyzed afterwards: until autovacuum runs, the planner works from stale statistics`,
          help: `add ANALYZE ${name}; after the load`,
          fix: { title: `Add ANALYZE ${name}`, edits: [{ file: m.up.section.file, start: stmt.endWithSemicolon, end: stmt.endWithSemicolon, newText: `\nANALYZE ${name};` }] },
        });
      }
    }
  },
};

/** ANALYZE, or VACUUM with the ANALYZE option. */
function isAnalyze(v: VacuumStmt): boolean {
  return !v.is_vacuumcmd || (v.options ?? []).some((o) => as(o, 'DefElem')?.defname === 'analyze');
}

/** The table a statement fills in bulk: COPY FROM, INSERT ... SELECT ... FROM, CREATE TABLE AS ... FROM. */
function loadedTable(stmt: ParsedStatement): RangeVar | undefined {
  const copy = stmtAs(stmt, 'CopyStmt');
  if (copy?.is_from && copy.relation) return copy.relation;
  const insert = stmtAs(stmt, 'InsertStmt');
  if (insert?.relation && (as(insert.selectStmt, 'SelectStmt')?.fromClause?.length ?? 0) > 0) return insert.relation;
  const ctas = stmtAs(stmt, 'CreateTableAsStmt');
  if (ctas?.objtype === 'OBJECT_TABLE' && !ctas.into?.skipData && (as(ctas.query, 'SelectStmt')?.fromClause?.length ?? 0) > 0) return ctas.into?.rel;
  return undefined;
}
