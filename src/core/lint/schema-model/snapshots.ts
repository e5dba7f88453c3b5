// Schema before and after each migration, built once in version order from the UP sections and
// only when a rule first asks (many lint runs never need it).
import type { ParsedMigration, SchemaModel } from '../types';
import { applyStatement } from './apply';
import { cloneSchema, emptySchema } from './model';

export interface SchemaSnapshots {
  before(m: ParsedMigration): SchemaModel;
  after(m: ParsedMigration): SchemaModel;
}

export function schemaSnapshots(migrations: readonly ParsedMigration[]): SchemaSnapshots {
  let states: SchemaModel[] | undefined;
  const build = (): SchemaModel[] => {
    if (states) return states;
    const working = emptySchema();
    states = [cloneSchema(working)];
    for (const m of migrations) {
      for (const stmt of m.up.statements) applyStatement(working, stmt, m.up.section.file, m.index);
      states.push(cloneSchema(working));
    }
    return states;
  };
  return {
    before: (m) => build()[m.index],
    after: (m) => build()[m.index + 1],
  };
}

/** The schema after a whole set of migrations. */
export function finalSchema(migrations: readonly ParsedMigration[]): SchemaModel {
  const working = emptySchema();
  for (const m of migrations) for (const stmt of m.up.statements) applyStatement(working, stmt, m.up.section.file, m.index);
  return working;
}
