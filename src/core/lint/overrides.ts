// Unsaved editor text: the extension lints what the user sees, not what is on disk. Rebuilds
// the migrations whose files have override text, with the same layout rules discovery uses.
import * as path from 'node:path';
import { layoutById } from '../migrations/layouts';
import { parseHeader } from '../migrations/header';
import { compareMigrations } from '../migrations/discover';
import { sectionChecksums } from '../migrations/checksum';
import { versionParts } from '../migrations/version';
import type { Migration, MigrationSet, Section } from '../migrations/types';

/** Absolute file path -> text. */
export type TextOverrides = ReadonlyMap<string, string>;

export function applyOverrides(set: MigrationSet, overrides: TextOverrides | undefined): MigrationSet {
  if (!overrides || overrides.size === 0) return set;
  const layout = layoutById(set.layout);
  const known = new Set(set.migrations.flatMap((m) => m.files));
  const migrations = set.migrations.map((m) => (m.files.some((f) => overrides.has(f)) ? rebuild(m, overrides, set) : m));
  let problems = set.problems;
  for (const [file, text] of overrides) {
    if (known.has(file) || path.dirname(file) !== set.dir || text.trim() === '') continue;
    const match = layout.matchFile(path.basename(file));
    if (!match || match.role === 'down') continue;
    // A new, not yet saved (or saved empty) migration: lint it as if it were on disk.
    const ranges = layout.readSections(text, match.role);
    const up: Section = { direction: 'up', file, fileText: text, ...ranges.up, noTransaction: ranges.noTransaction };
    const down: Section | undefined = ranges.down ? { direction: 'down', file, fileText: text, ...ranges.down } : undefined;
    migrations.push({
      version: match.version, versionParts: versionParts(match.version), name: match.name, layout: set.layout,
      files: [file], up, down, header: parseHeader(text), ...sectionChecksums(text.slice(up.start, up.end)),
    });
    problems = problems.filter((p) => !(p.file === file && p.kind === 'empty'));
  }
  migrations.sort(compareMigrations);
  return { ...set, migrations, problems };
}

function rebuild(m: Migration, overrides: TextOverrides, set: MigrationSet): Migration {
  const layout = layoutById(set.layout);
  const upText = overrides.get(m.up.file) ?? m.up.fileText;
  if (m.down && m.down.file !== m.up.file) {
    // A pair of files: each file is its whole section.
    const downText = overrides.get(m.down.file) ?? m.down.fileText;
    return {
      ...m,
      up: { ...m.up, fileText: upText, start: 0, end: upText.length },
      down: { ...m.down, fileText: downText, start: 0, end: downText.length },
      header: parseHeader(upText),
      ...sectionChecksums(upText),
    };
  }
  const ranges = layout.readSections(upText, 'single');
  const isPairUp = layout.matchFile(path.basename(m.up.file))?.role === 'up';
  const upRange = isPairUp ? { start: 0, end: upText.length } : ranges.up;
  const up: Section = { ...m.up, fileText: upText, ...upRange, noTransaction: ranges.noTransaction ?? m.up.noTransaction };
  const down: Section | undefined = !isPairUp && ranges.down
    ? { direction: 'down', file: m.up.file, fileText: upText, ...ranges.down, noTransaction: ranges.noTransaction }
    : isPairUp ? m.down : undefined;
  return { ...m, up, down, header: parseHeader(upText), ...sectionChecksums(upText.slice(up.start, up.end)) };
}
