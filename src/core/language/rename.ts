// Rename a table or column. A pending migration is text the team may still change: its name is
// replaced there and in every later migration that uses it. An applied migration is history a
// database has run: it is never edited; the rename becomes a new migration with ALTER ... RENAME.
import * as path from 'node:path';
import { plannedMigration } from '../migrations/create';
import { displayTable } from '../lint/schema-lookup';
import { definitionOf, FileRange, nameOf, referencesOf, resolveAt } from './navigation';
import type { ProjectModel } from './project-model';

export interface RenameEdit extends FileRange {
  newText: string;
}

export type RenamePlan =
  | { kind: 'edits'; edits: RenameEdit[] }
  /** New files (absolute path -> full text) holding the ALTER ... RENAME, UP and DOWN. */
  | { kind: 'new-migration'; files: { file: string; text: string }[]; reason: string }
  | { kind: 'refused'; reason: string };

export interface RenameOptions {
  /** Whether a migration version has been applied to a database the project knows. */
  isApplied(version: string): boolean;
  author: string;
  now: Date;
}

const IDENTIFIER = /^[a-z_][a-z0-9_$]*$/;

export function planRename(model: ProjectModel, file: string, offset: number, newName: string, options: RenameOptions): RenamePlan {
  const resolved = resolveAt(model, file, offset);
  if (!resolved || (resolved.object.kind !== 'table' && resolved.object.kind !== 'column')) {
    return { kind: 'refused', reason: 'Only a table or column the migrations define can be renamed here.' };
  }
  if (!IDENTIFIER.test(newName)) return { kind: 'refused', reason: `"${newName}" is not a lower-case SQL identifier (letters, digits, _).` };
  const def = definitionOf(resolved)!;
  const definedIn = model.migrations[def.migrationIndex].migration;
  const object = resolved.object;
  if (options.isApplied(definedIn.version)) {
    const table = displayTable(object.table);
    const oldName = nameOf(object);
    const [up, down] = object.kind === 'table'
      ? [`ALTER TABLE ${table} RENAME TO ${newName};`, `ALTER TABLE ${qualified(object.table, newName)} RENAME TO ${oldName};`]
      : [`ALTER TABLE ${table} RENAME COLUMN ${oldName} TO ${newName};`, `ALTER TABLE ${table} RENAME COLUMN ${newName} TO ${oldName};`];
    const files = plannedMigration(model.parsed.set, { name: `rename ${oldName} to ${newName}`, author: options.author, now: options.now });
    return {
      kind: 'new-migration',
      files: withStatements(files, up, down),
      reason: `${path.basename(definedIn.files[0])} is applied: it stays as it is, and a new migration renames ${oldName}.`,
    };
  }
  const pending = new Set(model.migrations.filter((m) => !options.isApplied(m.migration.version)).flatMap((m) => m.migration.files.map((f) => path.resolve(f))));
  const edits = referencesOf(model, resolved)
    .filter((r) => pending.has(path.resolve(r.file)))
    .map((r) => ({ ...r, newText: newName }));
  return { kind: 'edits', edits };
}

function qualified(key: string, name: string): string {
  const schema = key.split('.')[0];
  return schema === 'public' ? name : `${schema}.${name}`;
}

/** Puts UP and DOWN statements into the template's sections (see create.ts). */
function withStatements(files: { file: string; text: string }[], up: string, down: string): { file: string; text: string }[] {
  if (files.length > 1) {
    return files.map((f, i) => ({ file: f.file, text: `${f.text}${i === 0 ? up : down}\n` }));
  }
  const [only] = files;
  let text = only.text;
  const upAt = text.indexOf('\n\n\n');
  if (upAt < 0) return [{ file: only.file, text: `${text}${up}\n` }];
  text = `${text.slice(0, upAt + 2)}${up}${text.slice(upAt + 2)}`;
  const downAt = text.indexOf('\n\n\n', upAt + 2 + up.length + 1);
  text = downAt < 0 ? `${text}${down}\n` : `${text.slice(0, downAt + 2)}${down}${text.slice(downAt + 2)}`;
  return [{ file: only.file, text }];
}
