// A DDL statement waiting for its lock (behind one long query) queues every later query on the
// table behind it: one slow report turns into an outage. lock_timeout makes the migration fail
// fast instead. Our runner sets it from the config (lockTimeout, 5s by default), so the rule only
// speaks when the project turns that off ("0") and a migration does not set it itself.
import type { AlterTableCmd, Node } from '@pgsql/types';
import { durationToMs } from '../../config/config';
import { as, constValue, findAll, names, rangeVarKey, stmtAs } from '../ast';
import { isExistingTable, newObjectsBefore } from '../existing-objects';
import { runsInTransaction } from '../transaction-blocks';
import type { ParsedSection, ParsedStatement, Rule } from '../types';

/** ALTER TABLE actions that take SHARE UPDATE EXCLUSIVE at most: reads and writes go on. */
const MILD_ALTERS = new Set<AlterTableCmd['subtype']>([
  'AT_ValidateConstraint', 'AT_SetStatistics', 'AT_SetOptions', 'AT_ResetOptions', 'AT_SetRelOptions', 'AT_ResetRelOptions', 'AT_ClusterOn', 'AT_DropCluster',
]);

export const lockTimeoutMissing: Rule = {
  meta: {
    id: 'lock-timeout-missing',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'A blocking lock on an existing table with no lock_timeout in effect (the config\'s lockTimeout is "0").',
    rationale: 'While a DDL statement waits for its lock, every later query on the table queues behind it, so one long-running query turns the migration into an outage. With lock_timeout the statement gives up instead and the migration can be retried. The runner sets lock_timeout from pgvector-migrator.json (lockTimeout, 5s by default); this rule only reports when that is "0" and the migration does not SET lock_timeout itself.',
    docs: 'docs/rules/lock-timeout-missing.md',
    fixable: true,
  },
  check(ctx) {
    const runnerSetsLockTimeout = durationToMs(ctx.config.lockTimeout) > 0;
    const wantStatementTimeout = ctx.options.requireStatementTimeout === true && !ctx.config.statementTimeout;
    if (runnerSetsLockTimeout && !wantStatementTimeout) return;
    for (const m of ctx.migrations) {
      const set = { lock_timeout: runnerSetsLockTimeout, statement_timeout: !wantStatementTimeout };
      for (const stmt of m.up.statements) {
        const setting = timeoutSetting(stmt);
        if (setting) {
          set[setting.name] = setting.enabled;
          continue;
        }
        const missing = (Object.keys(set) as (keyof typeof set)[]).filter((k) => !set[k]);
        if (missing.length === 0 || !blocksReadsOrWrites(m.up, stmt)) continue;
        const local = runsInTransaction(m.up, stmt);
        const lines = missing.map((k) => `SET ${local ? 'LOCAL ' : ''}${k} = '${k === 'lock_timeout' ? '5s' : '15min'}';\n`).join('');
        const lineStart = m.up.section.fileText.lastIndexOf('\n', stmt.start - 1) + 1;
        const at = m.up.section.fileText.slice(lineStart, stmt.start).trim() === '' ? lineStart : stmt.start;
        ctx.report({
          file: m.up.section.file,
          start: stmt.start,
          end: stmt.tokens[Math.min(1, stmt.tokens.length - 1)]?.end ?? stmt.end,
          message: `this statement locks an existing table with no ${missing.join(' or ')} in effect: while it waits for the lock, every other query on the table waits behind it`,
          help: `SET ${local ? 'LOCAL ' : ''}${missing[0]} before it (or set "lockTimeout" in pgvector-migrator.json, which the runner applies to every migration)`,
          fix: { title: `Set ${missing.join(' and ')} before this statement`, edits: [{ file: m.up.section.file, start: at, end: at, newText: lines }] },
        });
        for (const k of missing) set[k] = true; // once per migration and setting
      }
    }
  },
};

/** `SET [LOCAL] lock_timeout = ...`, `RESET`, or `SELECT set_config('lock_timeout', ...)`. */
export function timeoutSetting(stmt: ParsedStatement): { name: 'lock_timeout' | 'statement_timeout'; enabled: boolean } | undefined {
  const v = stmtAs(stmt, 'VariableSetStmt');
  if (v && (v.name === 'lock_timeout' || v.name === 'statement_timeout')) {
    const value = constValue(as(v.args?.[0], 'A_Const'));
    const enabled = v.kind === 'VAR_SET_VALUE' && value !== undefined && value !== null && durationOrZero(String(value)) > 0;
    return { name: v.name, enabled };
  }
  for (const call of findAll(stmtAs(stmt, 'SelectStmt'), 'FuncCall')) {
    if (names(call.funcname).pop() !== 'set_config') continue;
    const [name, value] = (call.args ?? []).map((a: Node) => constValue(as(a, 'A_Const')));
    if (name === 'lock_timeout' || name === 'statement_timeout') return { name, enabled: durationOrZero(String(value)) > 0 };
  }
  return undefined;
}

function durationOrZero(text: string): number {
  try {
    return durationToMs(text);
  } catch {
    return 1; // a value we cannot read is still a value someone chose
  }
}

/** True when `stmt` takes a lock on an existing table that blocks its reads or writes. */
function blocksReadsOrWrites(section: ParsedSection, stmt: ParsedStatement): boolean {
  const existing = (rv: { schemaname?: string; relname?: string } | undefined) => isExistingTable(section, stmt, rangeVarKey(rv));
  const ast = stmt.ast;
  const alter = as(ast, 'AlterTableStmt');
  if (alter) {
    const cmds = (alter.cmds ?? []).map((c) => as(c, 'AlterTableCmd')?.subtype);
    return existing(alter.relation) && cmds.some((c) => !MILD_ALTERS.has(c));
  }
  const index = as(ast, 'IndexStmt');
  if (index) return !index.concurrent && existing(index.relation);
  const drop = as(ast, 'DropStmt');
  if (drop?.removeType === 'OBJECT_TABLE') {
    return (drop.objects ?? []).some((o) => {
      const p = names(as(o, 'List')?.items);
      return p.length > 0 && isExistingTable(section, stmt, `${p.length > 1 ? p[p.length - 2] : 'public'}.${p[p.length - 1]}`);
    });
  }
  if (drop?.removeType === 'OBJECT_INDEX' && !drop.concurrent) {
    const created = newObjectsBefore(section, stmt).indexes;
    return (drop.objects ?? []).some((o) => !created.has((names(as(o, 'List')?.items).pop() ?? '').toLowerCase()));
  }
  const truncate = as(ast, 'TruncateStmt');
  if (truncate) return (truncate.relations ?? []).some((r) => existing(as(r, 'RangeVar')));
  const reindex = as(ast, 'ReindexStmt');
  if (reindex) return !(reindex.params ?? []).some((p) => as(p, 'DefElem')?.defname === 'concurrently');
  const vacuum = as(ast, 'VacuumStmt');
  if (vacuum) return (vacuum.options ?? []).some((o) => as(o, 'DefElem')?.defname === 'full');
  const rename = as(ast, 'RenameStmt');
  if (rename?.relation) return existing(rename.relation);
  return (as(ast, 'ClusterStmt') !== undefined)
    || (as(ast, 'LockStmt') !== undefined)
    || (as(ast, 'RefreshMatViewStmt') !== undefined && !as(ast, 'RefreshMatViewStmt')?.concurrent)
    || existing(as(ast, 'CreateTrigStmt')?.relation);
}
