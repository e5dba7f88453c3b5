// How one section runs: inside one transaction (ours, or the file's single BEGIN ... COMMIT), or
// statement by statement as written when it manages several transactions or holds statements
// that cannot run in a transaction block.
import type { Section } from '../migrations/types';
import { splitStatements, SqlStatement } from '../sql/split';
import { nonTransactionalReason, transactionControl } from '../sql/classify';
import { LineIndex } from '../sql/positions';
import { MigratorError } from '../errors';

export type SectionMode =
  | { kind: 'transaction'; statements: SqlStatement[]; explicitBlock: boolean }
  | { kind: 'as-written'; statements: SqlStatement[]; reason: string };

/** Sections are immutable once read: the run's up-front check and its execution share one plan. */
const plans = new WeakMap<Section, SectionMode>();

export function planSection(section: Section): SectionMode {
  let plan = plans.get(section);
  if (!plan) {
    plan = planUncached(section);
    plans.set(section, plan);
  }
  return plan;
}

function planUncached(section: Section): SectionMode {
  const { statements, scanError } = splitStatements(section.fileText, section.start, section.end);
  if (scanError) {
    const pos = new LineIndex(section.fileText).positionAt(statements[0]?.start ?? section.start);
    throw new MigratorError(`the SQL cannot be read: ${scanError}`, {
      location: { file: section.file, line: pos.line, column: pos.column },
      fix: 'close the string, quoted identifier or comment that is left open',
    });
  }
  const meta = statements.find((s) => s.kind === 'meta');
  if (meta) {
    const pos = new LineIndex(section.fileText).positionAt(meta.start);
    throw new MigratorError(`"${meta.text}" is a psql meta-command, not SQL; it cannot run through a database driver`, {
      location: { file: section.file, line: pos.line, column: pos.column },
      fix: 'replace it with plain SQL (e.g. SET for \\set variables) or remove it',
    });
  }
  if (section.noTransaction) return { kind: 'as-written', statements, reason: 'the file asks for transaction:false' };
  const nonTx = statements.map(nonTransactionalReason).find((r) => r !== undefined);
  if (nonTx) return { kind: 'as-written', statements, reason: `${nonTx} cannot run inside a transaction block` };
  const controls = statements.map(transactionControl);
  if (controls.every((c) => c === undefined)) return { kind: 'transaction', statements, explicitBlock: false };
  const last = statements.length - 1;
  const singleBlock = controls[0] === 'begin' && controls[last] === 'commit'
    && controls.slice(1, last).every((c) => c === undefined || c === 'savepoint');
  if (singleBlock && last >= 1) return { kind: 'transaction', statements: statements.slice(1, last), explicitBlock: true };
  return { kind: 'as-written', statements, reason: 'the file manages its own transactions' };
}
