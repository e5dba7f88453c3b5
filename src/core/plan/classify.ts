// Every UP statement of a parsed set, looked up in the lock table against the schema the lint
// engine's model says it runs on. One pass; the parse and the model are the lint engine's own.
import { declaredFunctionVolatility } from '../lint/default-volatility';
import { schemaSnapshots } from '../model';
import type { ParsedMigration, ParsedStatement } from '../lint/types';
import { statementLocks, StatementLocks } from './statement-locks';

export function classifyUpStatements(migrations: readonly ParsedMigration[], only?: ReadonlySet<ParsedMigration>): Map<ParsedStatement, StatementLocks> {
  const snapshots = schemaSnapshots(migrations);
  const volatility = declaredFunctionVolatility(migrations);
  const out = new Map<ParsedStatement, StatementLocks>();
  for (const m of migrations) {
    if (only && !only.has(m)) continue;
    for (const stmt of m.up.statements) out.set(stmt, statementLocks(stmt, { schema: snapshots.at(m, stmt), volatility }));
  }
  return out;
}
