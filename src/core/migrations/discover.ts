// Finds the migrations of a directory: reads every .sql file once (and those one folder down,
// for layouts that keep a migration per folder), places it with the layout, pairs up/down files,
// orders them by version or by the layout's own order, and reports what it cannot place instead
// of guessing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LayoutId, LoadedConfig } from '../config/config';
import { detectLayout, layoutById, Layout, FileMatch } from './layouts';
import { defaultLayout, DOWN_MARKER, plainLayout, UP_MARKER } from './layouts/default';
import { parseHeader } from './header';
import { sectionChecksums } from './checksum';
import { compareVersionParts, versionKey, versionParts } from './version';
import { ignoreMatcher } from './ignore';
import type { DiscoveryProblem, Migration, MigrationSet, Section } from './types';
import { brokenLink, readEntry } from './read-entry';

interface ReadFile {
  /** Path relative to the migrations folder, with `/` separators. */
  name: string;
  path: string;
  text: string;
}

export interface LoadOptions {
  /** Absolute paths of .sql files that are not migrations (the config's `ignore`). */
  ignore?: (file: string) => boolean;
}

/** Folders one level down that never hold migrations. */
const SKIPPED_FOLDERS = new Set(['meta', 'node_modules']);

export function loadMigrationSet(dir: string, layoutSetting: LayoutId = 'auto', options: LoadOptions = {}): MigrationSet {
  const problems: DiscoveryProblem[] = [];
  const files = readSqlFiles(dir, problems, options.ignore);
  const layout = layoutSetting === 'auto' ? detectLayout(files, dir) : layoutById(layoutSetting);
  const migrations = buildMigrations(files, layout, problems);
  orderMigrations(migrations, layout, dir, problems);
  reportDuplicates(migrations, problems);
  return { dir, layout: layout.id, migrations, problems };
}

/** The project's migrations, with its layout and ignore list. */
export function loadProjectMigrations(project: LoadedConfig, dir: string = project.migrationsDir): MigrationSet {
  return loadMigrationSet(dir, project.config.layout, { ignore: ignoreMatcher(project.config.ignore, project.projectDir) });
}

function readSqlFiles(dir: string, problems: DiscoveryProblem[], ignore: LoadOptions['ignore']): ReadFile[] {
  if (!fs.existsSync(dir)) {
    const why = brokenLink(dir);
    if (why) problems.push({ kind: 'unreadable', file: dir, message: `the migrations directory ${path.basename(dir)} ${why}`, fix: 'point the link at the migrations directory, or set "migrationsDir" to the real one' });
    return [];
  }
  const out: ReadFile[] = [];
  const visit = (folder: string, prefix: string, depth: number) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (depth === 0 && !entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) visit(path.join(folder, entry.name), `${entry.name}/`, 1);
        continue;
      }
      if (!entry.name.toLowerCase().endsWith('.sql')) continue;
      if (ignore?.(path.join(folder, entry.name))) continue;
      const file = readOne(folder, entry, `${prefix}${entry.name}`, problems);
      if (file) out.push(file);
    }
  };
  visit(dir, '', 0);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** One SQL file (or a link to one); what cannot be read is named with why, never skipped in silence. */
function readOne(folder: string, entry: fs.Dirent, name: string, problems: DiscoveryProblem[]): ReadFile | undefined {
  const filePath = path.join(folder, entry.name);
  const read = readEntry(folder, entry);
  if (read.kind === 'skip') return undefined;
  if (read.kind === 'unreadable') {
    problems.push({ kind: 'unreadable', file: filePath, message: `cannot read ${name}: it ${read.why}`, fix: 'replace it with the migration\'s SQL file (or a link to one), or move it out of the migrations directory' });
    return undefined;
  }
  if (read.buffer.includes(0)) {
    problems.push({ kind: 'binary', file: filePath, message: `${name} is a binary file, not SQL text`, fix: 'replace it with the SQL text of the migration or move it out of the migrations directory' });
    return undefined;
  }
  return { name, path: filePath, text: read.buffer.toString('utf8').replace(/^\uFEFF/, '') };
}

/** The layout's own order (journal, plan) when it keeps one, else by version. */
function orderMigrations(migrations: Migration[], layout: Layout, dir: string, problems: DiscoveryProblem[]): void {
  const order = layout.readOrder?.(dir);
  if (!order) {
    migrations.sort(compareMigrations);
    return;
  }
  const position = new Map(order.versions.map((v, i) => [versionKey(v), i]));
  const source = path.basename(order.source);
  for (let i = migrations.length - 1; i >= 0; i--) {
    const m = migrations[i];
    if (position.has(versionKey(m.version))) continue;
    problems.push({
      kind: 'unlisted', file: m.files[0],
      message: `${path.basename(m.files[0])} is not listed in ${source}`,
      fix: `add it to ${source} (the ${layout.id} tool applies only what it lists), or move it out of the migrations directory`,
    });
    migrations.splice(i, 1);
  }
  migrations.sort((a, b) => position.get(versionKey(a.version))! - position.get(versionKey(b.version))!);
  const present = new Set(migrations.map((m) => versionKey(m.version)));
  for (const v of order.versions) {
    if (present.has(versionKey(v))) continue;
    problems.push({
      kind: 'missing-script', file: order.source,
      message: `${source} lists ${v}, but no file of the migrations directory holds it`,
      fix: `restore its file (${layout.expectedName}), or remove it from ${source}`,
    });
  }
}

/** Version order; named versions (no numeric parts) keep the order they are in. */
export function compareMigrations(a: Migration, b: Migration): number {
  if (a.versionParts.length === 0 || b.versionParts.length === 0) return 0;
  return compareVersionParts(a.versionParts, b.versionParts) || a.files[0].localeCompare(b.files[0]);
}

function buildMigrations(files: ReadFile[], layout: Layout, problems: DiscoveryProblem[]): Migration[] {
  const pairs = new Map<string, Pair>();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = layout.matchFile(file.name);
    if (!match) {
      // Files one folder down are the layout's business only when it keeps migrations there.
      if (file.name.includes('/')) continue;
      problems.push({
        kind: 'unplaceable', file: file.path,
        message: `${file.name} does not follow the ${layout.id} layout's file names`,
        fix: `rename it to ${layout.expectedName}, or move it out of the migrations directory`,
      });
      continue;
    }
    if (match.role === 'single') {
      const migration = singleFileMigration(file, match, layout, problems);
      if (migration) migrations.push(migration);
      continue;
    }
    const key = `${versionKey(match.version)}\u0000${match.name}`;
    const pair = pairs.get(key) ?? { match };
    if (match.role === 'up') pair.up = file;
    else if (match.role === 'down') pair.down = file;
    else pair.verify = file;
    pairs.set(key, pair);
  }
  for (const pair of pairs.values()) {
    const migration = pairedMigration(pair, layout, problems);
    if (migration) migrations.push(migration);
  }
  return migrations;
}

function singleFileMigration(file: ReadFile, match: FileMatch, layout: Layout, problems: DiscoveryProblem[]): Migration | undefined {
  if (file.text.trim() === '') {
    problems.push({ kind: 'empty', file: file.path, message: `${file.name} is empty`, fix: 'write the migration\'s SQL, or delete the file' });
    return undefined;
  }
  const ranges = layout.readSections(file.text, 'single');
  const up: Section = { direction: 'up', file: file.path, fileText: file.text, ...ranges.up, noTransaction: ranges.noTransaction };
  const down: Section | undefined = ranges.down
    ? { direction: 'down', file: file.path, fileText: file.text, ...ranges.down, noTransaction: ranges.noTransaction }
    : undefined;
  return makeMigration(match, layout, [file.path], up, down, file.text);
}

interface Pair {
  match: FileMatch;
  up?: ReadFile;
  down?: ReadFile;
  verify?: ReadFile;
}

function pairedMigration(pair: Pair, layout: Layout, problems: DiscoveryProblem[]): Migration | undefined {
  if (!pair.up) {
    const other = (pair.down ?? pair.verify)!;
    problems.push({ kind: 'orphan-down', file: other.path, message: `${other.name} ${pair.down ? 'undoes' : 'verifies'} version ${pair.match.version}, which has no UP file`, fix: 'add the UP file or delete this one' });
    return undefined;
  }
  if (pair.up.text.trim() === '') {
    problems.push({ kind: 'empty', file: pair.up.path, message: `${pair.up.name} is empty`, fix: 'write the migration\'s SQL, or delete the file' });
    return undefined;
  }
  const up: Section = { direction: 'up', file: pair.up.path, fileText: pair.up.text, start: 0, end: pair.up.text.length };
  const down: Section | undefined = pair.down
    ? { direction: 'down', file: pair.down.path, fileText: pair.down.text, start: 0, end: pair.down.text.length }
    : undefined;
  const files = [pair.up, pair.down, pair.verify].filter((f): f is ReadFile => f !== undefined).map((f) => f.path);
  const migration = makeMigration(pair.match, layout, files, up, down, pair.up.text);
  if (pair.verify) migration.verify = { direction: 'up', file: pair.verify.path, fileText: pair.verify.text, start: 0, end: pair.verify.text.length };
  return migration;
}

function makeMigration(match: FileMatch, layout: Layout, files: string[], up: Section, down: Section | undefined, headerText: string): Migration {
  return {
    version: match.version,
    versionParts: versionParts(match.version),
    name: match.name,
    layout: layout.id,
    files,
    up,
    down,
    header: parseHeader(headerText),
    ...sectionChecksums(up.fileText.slice(up.start, up.end)),
  };
}

export { checksumOf } from './checksum';

function reportDuplicates(migrations: Migration[], problems: DiscoveryProblem[]): void {
  const seen = new Map<string, Migration>();
  for (const m of migrations) {
    const key = versionKey(m.version);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, m);
      continue;
    }
    problems.push({
      kind: 'duplicate-version', file: m.files[0],
      message: `version ${m.version} is used twice: ${path.basename(first.files[0])} and ${path.basename(m.files[0])}`,
      fix: 'give one of them the next free version number',
    });
  }
}

/**
 * One SQL file as a set of its own, whatever its name (`lint schema.sql`): its sections by the
 * default layout's markers when it has them, otherwise the whole file is UP only.
 */
export function standaloneMigrationSet(file: string, text: string): MigrationSet {
  const problems: DiscoveryProblem[] = [];
  const layout = UP_MARKER.test(text) || DOWN_MARKER.test(text) ? defaultLayout : plainLayout;
  const name = path.basename(file).replace(/\.sql$/i, '');
  const migration = singleFileMigration({ name: path.basename(file), path: file, text }, { version: '0', name, role: 'single' }, layout, problems);
  return { dir: path.dirname(file), layout: layout.id, migrations: migration ? [migration] : [], problems };
}
