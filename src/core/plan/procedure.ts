// The deployment procedure that ends a plan: the migrations in order (which run in one
// transaction, which statement by statement outside one), the expected total, how to roll back,
// and the queries that verify the result.
import type { StatusEntry } from '../runner/status';
import { compareVersions } from '../migrations/version';
import { formatEstimate } from './estimate';
import type { Estimate } from './estimate';
import type { MigrationPlan, ProcedureStep } from './types';

/** `created`: the tables and indexes the pending statements create, as they name them. */
export function deploymentProcedure(migrations: MigrationPlan[], status: StatusEntry[], total: Estimate | null, created: readonly string[]): ProcedureStep[] {
  if (migrations.length === 0) return [];
  const steps: ProcedureStep[] = [];
  const add = (step: Omit<ProcedureStep, 'step'>) => steps.push({ step: steps.length + 1, ...step });
  for (const m of migrations) {
    const asWritten = m.transaction.kind === 'as-written';
    const invalidIndexes = m.statements.filter((s) => s.kinds.some((k) => k === 'create-index.concurrently' || k === 'reindex.concurrently'));
    add({
      title: `Apply ${m.name}: ${asWritten ? `statement by statement, outside a transaction (${(m.transaction as { reason: string }).reason})` : `in one transaction (${m.statements.length} statement${m.statements.length === 1 ? '' : 's'})`}${m.estimate ? `, ${formatEstimate(m.estimate)}` : ''}`,
      outsideTransaction: asWritten,
      estimate: m.estimate,
      commands: [
        `pgvector-migrator up --to ${m.version}`,
        ...(invalidIndexes.length > 0 ? ['if it stops during CREATE INDEX CONCURRENTLY, the index stays INVALID: DROP INDEX CONCURRENTLY it, then `pgvector-migrator up --retry-failed`'] : []),
      ],
    });
  }
  add({
    title: `Expected total: ${total ? formatEstimate(total) : 'unknown'}, plus waiting for locks (at most lock_timeout per statement)`,
    outsideTransaction: false,
    estimate: total,
    commands: [`pgvector-migrator up --to ${migrations[migrations.length - 1].version}   # all of the above in order`],
  });
  add({ title: 'Verify', outsideTransaction: false, estimate: null, commands: verificationQueries(created) });
  add({ title: 'Roll back if needed', outsideTransaction: false, estimate: null, commands: rollBack(migrations, status) });
  return steps;
}

function rollBack(migrations: MigrationPlan[], status: StatusEntry[]): string[] {
  const first = migrations[0].version;
  const before = status.filter((e) => e.state !== 'pending' && compareVersions(e.version, first) < 0 && e.migration).pop();
  const noDown = migrations.filter((m) => !m.hasDown).map((m) => m.name);
  return [
    `pgvector-migrator down --to ${before?.version ?? '0'}`,
    ...(noDown.length > 0 ? [`${noDown.join(', ')} ${noDown.length === 1 ? 'has' : 'have'} no DOWN section: down stops there; write one before deploying`] : []),
  ];
}

/** Created tables and indexes exist, no index is left INVALID, and validate's checks pass. */
function verificationQueries(created: readonly string[]): string[] {
  const literal = (n: string) => `'${n.replace(/'/g, "''")}'`;
  const out: string[] = [];
  if (created.length > 0) out.push(`SELECT name, to_regclass(name) IS NOT NULL AS present FROM unnest(ARRAY[${[...created].map(literal).join(', ')}]) AS name;   -- every row true`);
  out.push("SELECT indexrelid::regclass AS invalid_index FROM pg_index WHERE NOT indisvalid;   -- no rows");
  out.push('pgvector-migrator validate');
  out.push('pgvector-migrator status   # every migration applied');
  return out;
}
