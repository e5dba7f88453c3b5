// Points each finding at the migration that created its table, column, index or constraint, so
// that an editor can show it in the Problems panel. The lint engine's schema model already knows
// where each object was defined; validation only looks the names up.
import type { MigrationSet } from '../migrations/types';
import { LineIndex } from '../sql/positions';
import { ensureParser, parseMigrationSet } from '../lint/engine';
import { finalSchema } from '../model';
import type { SchemaModel, SourceRef } from '../lint/types';
import type { CheckResult } from './types';

function definitionOf(schema: SchemaModel, result: CheckResult): SourceRef | undefined {
  if (result.table === null) return undefined;
  const table = schema.tables.get(result.table);
  if (result.object) {
    const index = schema.indexes.get(result.object.toLowerCase());
    if (index && index.table === result.table) return index.definedAt;
    const fk = table?.foreignKeys.find((f) => f.name === result.object);
    if (fk) return fk.definedAt;
  }
  const column = result.column ? table?.columns.get(result.column.split(', ')[0]) : undefined;
  return column?.definedAt ?? table?.definedAt;
}

/** Adds `file` and `line` where the migrations say where the object came from; leaves the rest. */
export async function locateResults(set: MigrationSet, results: CheckResult[]): Promise<void> {
  if (set.migrations.length === 0 || results.every((r) => r.file !== undefined || r.table === null)) return;
  let schema: SchemaModel;
  try {
    await ensureParser();
    schema = finalSchema(parseMigrationSet(set).migrations);
  } catch {
    return; // locations are a convenience: the report stands without them
  }
  const texts = new Map<string, LineIndex>();
  for (const m of set.migrations) for (const s of [m.up, m.down]) if (s && !texts.has(s.file)) texts.set(s.file, new LineIndex(s.fileText));
  for (const result of results) {
    if (result.file !== undefined) continue;
    const ref = definitionOf(schema, result);
    const lines = ref ? texts.get(ref.file) : undefined;
    if (!ref || !lines) continue;
    result.file = ref.file;
    result.line = lines.positionAt(ref.start).line;
  }
}
