// Temporary projects on disk: a config file and migration files, removed after the test.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TempProject {
  dir: string;
  migrationsDir: string;
  write(fileName: string, text: string): string;
  remove(fileName: string): void;
  cleanup(): void;
}

export function tempProject(files: Record<string, string> = {}, config: Record<string, unknown> | null = {}): TempProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-test-'));
  const migrationsDir = path.join(dir, 'db', 'migrations');
  fs.mkdirSync(migrationsDir, { recursive: true });
  if (config !== null) fs.writeFileSync(path.join(dir, 'pgvector-migrator.json'), JSON.stringify({ migrationsDir: 'db/migrations', ...config }, null, 2));
  const project: TempProject = {
    dir,
    migrationsDir,
    write(fileName, text) {
      const file = path.join(migrationsDir, fileName);
      fs.writeFileSync(file, text);
      return file;
    },
    remove(fileName) {
      fs.rmSync(path.join(migrationsDir, fileName));
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  for (const [name, text] of Object.entries(files)) project.write(name, text);
  return project;
}

/** A default-layout migration file with a header, an UP and a DOWN section. */
export function migrationFile(up: string, down?: string, name = 'test'): string {
  const header = `-- Migration: ${name}\n-- Description: test migration\n-- Dependencies: none\n-- Author: test\n-- Date: 2026-01-01\n\n`;
  return `${header}-- UP Migration\n${up}\n${down === undefined ? '' : `\n-- DOWN Migration\n${down}\n`}`;
}

/** The migration sets of other tools in test/fixtures/layouts/<tool>. */
export const LAYOUT_FIXTURES = path.resolve(__dirname, '../../../test/fixtures/layouts');

/**
 * A copy of one tool's fixture project (no config: its migrations are found where the tool keeps
 * them), so that a test's embedded database and edits never touch the fixture itself.
 */
export function fixtureProject(tool: string, migrationsDir: string): TempProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pgvm-${tool}-`));
  fs.cpSync(path.join(LAYOUT_FIXTURES, tool), dir, { recursive: true });
  const abs = path.resolve(dir, migrationsDir);
  return {
    dir,
    migrationsDir: abs,
    write(fileName, text) {
      const file = path.join(abs, fileName);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      return file;
    },
    remove(fileName) {
      fs.rmSync(path.join(abs, fileName), { recursive: true });
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
