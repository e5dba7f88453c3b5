// Which files of a project the schema checks read: its migrations, its architecture spec and its
// config. Saving one of them is what makes the on-save check run; their unsaved text is what the
// check sees instead of the disk.
import * as path from 'path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, LoadedConfig } from '../../core/config/config';

export function specFile(project: LoadedConfig): string {
  return path.resolve(project.projectDir, project.config.architectureSpec);
}

/** A migration file (a .sql file directly in the migrations directory), the spec or the config. */
export function isCheckedFile(project: LoadedConfig, file: string): boolean {
  const resolved = path.resolve(file);
  if (resolved === specFile(project) || resolved === path.join(project.projectDir, CONFIG_FILE_NAME)) return true;
  return path.dirname(resolved) === project.migrationsDir && resolved.toLowerCase().endsWith('.sql');
}

/** The unsaved editor text of the spec and the migration files, by absolute path. */
export function unsavedTexts(project: LoadedConfig): Map<string, string> {
  const spec = specFile(project);
  const texts = new Map<string, string>();
  for (const d of vscode.workspace.textDocuments) {
    if (!d.isDirty || d.isUntitled) continue;
    const file = path.resolve(d.uri.fsPath);
    const migration = path.dirname(file) === project.migrationsDir && file.toLowerCase().endsWith('.sql');
    if (file === spec || migration) texts.set(file, d.getText());
  }
  return texts;
}
