// A statement that runs outside a transaction block is not undone when a later statement fails:
// the rerun then stops at "already exists" (or "does not exist"). IF [NOT] EXISTS lets the rerun
// pass. Inside a transaction the failure rolls everything back and the rerun starts clean, so
// those statements are left alone unless the project asks for `{ "inTransaction": true }`.
import { as, names, stmtAs } from '../ast';
import { alterCommands } from '../alter-table-commands';
import { dropNames, phraseRange } from '../statement-text';
import { runsInTransaction } from '../transaction-blocks';
import type { ParsedSection, ParsedStatement, Rule } from '../types';

interface Missing {
  /** The words that lack the clause: `CREATE TABLE`, `ADD COLUMN`, `DROP INDEX`. */
  start: number;
  end: number;
  /** Where the clause goes, and its text with surrounding spaces. */
  at: number;
  text: string;
}

export const notIdempotent: Rule = {
  meta: {
    id: 'not-idempotent',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'CREATE without IF NOT EXISTS or DROP without IF EXISTS, in a statement a failure would not roll back.',
    rationale: 'Outside a transaction block (after COMMIT, in a file that runs CONCURRENTLY statements, or with transaction:false) a statement stays done when a later one fails, so rerunning the migration stops at "already exists" or "does not exist". IF NOT EXISTS / IF EXISTS make the rerun pass. Statements inside a transaction are rolled back with it and are not reported unless the rule\'s option inTransaction is true.',
    docs: 'docs/rules/not-idempotent.md',
    fixable: true,
  },
  check(ctx) {
    const everywhere = ctx.options.inTransaction === true;
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        if (!everywhere && runsInTransaction(m.up, stmt)) continue;
        for (const miss of missingClauses(m.up, stmt)) {
          const clause = miss.text.trim();
          ctx.report({
            file: m.up.section.file,
            start: miss.start,
            end: miss.end,
            message: `${textBetween(stmt, miss)} without ${clause} is not undone if the migration fails later, and the rerun fails here`,
            help: `add ${clause}, so that rerunning the migration after a failure passes this statement`,
            fix: { title: `Add ${clause}`, edits: [{ file: m.up.section.file, start: miss.at, end: miss.at, newText: miss.text }] },
          });
        }
      }
    }
  },
};

function textBetween(stmt: ParsedStatement, r: { start: number; end: number }): string {
  return stmt.text.slice(r.start - stmt.start, r.end - stmt.start).replace(/\s+/g, ' ').toUpperCase();
}

const IF_NOT_EXISTS = ' IF NOT EXISTS';

function missingClauses(section: ParsedSection, stmt: ParsedStatement): Missing[] {
  const ast = stmt.ast;
  const after = (word: string): Missing | undefined => {
    const w = phraseRange(stmt, [word]);
    return w && { start: stmt.start, end: w.end, at: w.end, text: IF_NOT_EXISTS };
  };
  const create = as(ast, 'CreateStmt');
  if (create) {
    const tempOnCommitDrop = create.relation?.relpersistence === 't' && create.oncommit === 'ONCOMMIT_DROP';
    return create.if_not_exists || tempOnCommitDrop ? [] : list(after('table'));
  }
  const ctas = as(ast, 'CreateTableAsStmt');
  if (ctas) return ctas.if_not_exists ? [] : list(after(ctas.objtype === 'OBJECT_MATVIEW' ? 'view' : 'table'));
  const index = as(ast, 'IndexStmt');
  if (index) {
    // IF NOT EXISTS needs a name; an unnamed index gets a fresh name on every run anyway.
    if (index.if_not_exists || !index.idxname || droppedBefore(section, stmt, index.idxname)) return [];
    return list(after(index.concurrent ? 'concurrently' : 'index'));
  }
  if (as(ast, 'CreateSeqStmt')) return as(ast, 'CreateSeqStmt')?.if_not_exists ? [] : list(after('sequence'));
  if (as(ast, 'CreateSchemaStmt')) return as(ast, 'CreateSchemaStmt')?.if_not_exists ? [] : list(after('schema'));
  if (as(ast, 'CreateExtensionStmt')) return as(ast, 'CreateExtensionStmt')?.if_not_exists ? [] : list(after('extension'));
  const drop = as(ast, 'DropStmt');
  if (drop) {
    if (drop.missing_ok) return [];
    const found = dropNames(stmt, drop.removeType, drop.concurrent === true, false);
    return found ? [{ start: stmt.start, end: found.typeWords.end, at: found.namesStart, text: 'IF EXISTS ' }] : [];
  }
  const alter = stmtAs(stmt, 'AlterTableStmt');
  if (alter) {
    const out: Missing[] = [];
    for (const { cmd, range } of alterCommands(stmt)) {
      if (cmd.missing_ok) continue;
      const words = cmd.subtype === 'AT_AddColumn' ? ['add', 'column'] : cmd.subtype === 'AT_DropColumn' ? ['drop', 'column'] : cmd.subtype === 'AT_DropConstraint' ? ['drop', 'constraint'] : undefined;
      if (!words) continue;
      const w = phraseRange(stmt, words, range) ?? (words[1] === 'column' ? phraseRange(stmt, [words[0]], range) : undefined);
      if (w) out.push({ start: w.start, end: w.end, at: w.end, text: words[0] === 'add' ? IF_NOT_EXISTS : ' IF EXISTS' });
    }
    return out;
  }
  return [];
}

function list(m: Missing | undefined): Missing[] {
  return m ? [m] : [];
}

/** `DROP INDEX [CONCURRENTLY] IF EXISTS name` earlier in the section: a CREATE after it is rerunnable. */
function droppedBefore(section: ParsedSection, stmt: ParsedStatement, name: string): boolean {
  const i = section.statements.indexOf(stmt);
  return section.statements.slice(0, i).some((s) => {
    const drop = stmtAs(s, 'DropStmt');
    return drop?.removeType === 'OBJECT_INDEX' && drop.missing_ok
      && (drop.objects ?? []).some((o) => (names(as(o, 'List')?.items).pop() ?? '').toLowerCase() === name.toLowerCase());
  });
}
