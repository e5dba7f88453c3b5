// Finds the migrations of a directory: reads every .sql file once, places it with the layout,
// pairs up/down files, and reports what it cannot place instead of guessing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LayoutId } from '../config/config';
import { detectLayout, layoutById, Layout, FileMatch } from './layouts';
import { defaultLayout, DOWN_MARKER, plainLayout, UP_MARKER } from './layouts/default';
import { parseHeader } from './header';
import { sectionChecksums } from './checksum';
import { compareVersionParts, versionKey, versionParts } from './version';
import type { DiscoveryProblem, Migration, MigrationSet, Section } from './types';
import { brokenLink, readEntry } from './read-entry';

interface ReadFile {
  name: string;
  path: string;
  text: string;
}

export function loadMigrationSet(dir: string, layoutSetting: LayoutId = 'auto'): MigrationSet {
  const problems: DiscoveryProblem[] = [];
  const files = readSqlFiles(dir, problems);
  const layout = layoutSetting === 'auto' ? detectLayout(files) : layoutById(layoutSetting);
  const migrations = buildMigrations(files, layout, problems);
  migrations.sort((a, b) => compareVersionParts(a.versionParts, b.versionParts) || a.files[0].localeCompare(b.files[0]));
  reportDuplicates(migrations, problems);
  return { dir, layout: layout.id, migrations, problems };
}

function readSqlFiles(dir: string, problems: DiscoveryProblem[]): ReadFile[] {
  if (!fs.existsSync(dir)) {
    const why = brokenLink(dir);
    if (why) problems.push({ kind: 'unreadable', file: dir, message: `the migrations directory ${path.basename(dir)} ${why}`, fix: 'point the link at the migrations directory, or set "migrationsDir" to the real one' });
    return [];
  }
  const out: ReadFile[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.name.toLowerCase().endsWith('.sql')) continue;
    const filePath = path.join(dir, entry.name);
    const read = readEntry(dir, entry);
    if (read.kind === 'skip') continue;
    if (read.kind === 'unreadable') {
      problems.push({ kind: 'unreadable', file: filePath, message: `cannot read ${entry.name}: it ${read.why}`, fix: 'replace it with the migration\'s SQL file (or a link to one), or move it out of the migrations directory' });
      continue;
    }
    const buffer = read.buffer;
    if (buffer.includes(0)) {
      problems.push({ kind: 'binary', file: filePath, message: `${entry.name} is a binary file, not SQL text`, fix: 'replace it with the SQL text of the migration or move it out of the migrations directory' });
      continue;
    }
    const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
    out.push({ name: entry.name, path: filePath, text });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function buildMigrations(files: ReadFile[], layout: Layout, problems: DiscoveryProblem[]): Migration[] {
  const pairs = new Map<string, { match: FileMatch; up?: ReadFile; down?: ReadFile }>();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = layout.matchFile(file.name);
    if (!match) {
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
    else pair.down = file;
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

function pairedMigration(
  pair: { match: FileMatch; up?: ReadFile; down?: ReadFile },
  layout: Layout,
  problems: DiscoveryProblem[],
): Migration | undefined {
  if (!pair.up) {
    const down = pair.down!;
    problems.push({ kind: 'orphan-down', file: down.path, message: `${down.name} undoes version ${pair.match.version}, which has no UP file`, fix: 'add the UP file or delete this one' });
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
  const files = pair.down ? [pair.up.path, pair.down.path] : [pair.up.path];
  return makeMigration(pair.match, layout, files, up, down, pair.up.text);
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
