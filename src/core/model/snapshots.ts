// Schema before and after each migration, and before each UP statement, built once per lint run
// in version order from the UP sections, and only when a rule first asks (many runs never need it).
import { memoByRun } from '../lint/statement-memo';
import type { ParsedMigration, ParsedStatement, SchemaModel } from '../lint/types';
import { applyStatement, mayChangeSchema } from './apply';
import { emptySchema, snapshotSchema } from './model';

export interface SchemaSnapshots {
  before(m: ParsedMigration): SchemaModel;
  after(m: ParsedMigration): SchemaModel;
  /** Before `stmt`, one of `m`'s UP statements: `m`'s earlier statements applied to before(m). */
  at(m: ParsedMigration, stmt: ParsedStatement): SchemaModel;
}

interface Built {
  /** states[i] is the schema before migration i, states[i + 1] the one after it. */
  states: SchemaModel[];
  beforeStatement: Map<ParsedStatement, SchemaModel>;
}

/** The snapshots of one lint run: every rule of the run, and schemaAt, share one build. */
export function schemaSnapshots(migrations: readonly ParsedMigration[]): SchemaSnapshots {
  return memoByRun('schemaSnapshots', migrations, lazySnapshots);
}

function lazySnapshots(migrations: readonly ParsedMigration[]): SchemaSnapshots {
  let built: Built | undefined;
  const get = () => (built ??= build(migrations));
  return {
    before: (m) => get().states[m.index],
    after: (m) => get().states[m.index + 1],
    at: (m, stmt) => get().beforeStatement.get(stmt) ?? get().states[m.index],
  };
}

/** One pass over every UP statement; a new snapshot only after a statement that can change the schema. */
function build(migrations: readonly ParsedMigration[]): Built {
  const working = emptySchema();
  let current = snapshotSchema(working);
  const states = [current];
  const beforeStatement = new Map<ParsedStatement, SchemaModel>();
  for (const m of migrations) {
    for (const stmt of m.up.statements) {
      beforeStatement.set(stmt, current);
      if (!mayChangeSchema(stmt)) continue;
      applyStatement(working, stmt, m.up.section.file, m.index);
      current = snapshotSchema(working);
    }
    states.push(current);
  }
  return { states, beforeStatement };
}

/** The schema after a whole set of migrations. */
export function finalSchema(migrations: readonly ParsedMigration[]): SchemaModel {
  const working = emptySchema();
  for (const m of migrations) for (const stmt of m.up.statements) applyStatement(working, stmt, m.up.section.file, m.index);
  return working;
}
