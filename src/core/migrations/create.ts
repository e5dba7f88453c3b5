// `new NAME`: the next migration file(s) from the team's template, numbered after the newest.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MigrationSet } from './types';
import { MigratorError } from '../errors';
import { DRIZZLE_JOURNAL } from './layouts/drizzle';
import { SQITCH_PLAN } from './layouts/sqitch';

export interface NewMigrationOptions {
  name: string;
  author: string;
  /** For sqitch's plan line; made up from the author when unknown. */
  email?: string;
  now: Date;
}

export function snakeName(name: string): string {
  return name.trim().replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/** Layouts whose tools name new migrations by a timestamp. */
const TIMESTAMP_LAYOUTS: ReadonlySet<MigrationSet['layout']> = new Set(['dbmate', 'goose', 'prisma', 'supabase']);

/** The next version: timestamps stay timestamps, numbers keep their zero padding (0001 -> 0002). */
export function nextVersion(set: MigrationSet, now: Date): string {
  const versions = set.migrations.map((m) => m.version);
  const last = versions[versions.length - 1];
  const usesTimestamps = TIMESTAMP_LAYOUTS.has(set.layout) || (last !== undefined && last.length >= 12);
  if (usesTimestamps) return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  if (last === undefined) return set.layout === 'flyway' || set.layout === 'golang-migrate' ? '1' : set.layout === 'drizzle' ? '0000' : '0001';
  const next = (Number(last.split(/[._]/)[0]) + 1).toString();
  return last.length > next.length ? next.padStart(last.length, '0') : next;
}

/**
 * Writes the new file(s) and returns their absolute paths (and the journal or plan it added the
 * migration to, for drizzle and sqitch). Never overwrites.
 */
export function createMigration(set: MigrationSet, options: NewMigrationOptions): string[] {
  const { version, name, files } = planNewMigration(set, options);
  for (const { file } of files) {
    if (fs.existsSync(file)) throw new MigratorError(`${path.relative(set.dir, file)} already exists`, { location: { file } });
  }
  for (const { file, text } of files) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  const written = files.map((f) => f.file);
  const listed = listNewMigration(set, version, name, options);
  return listed ? [...written, listed] : written;
}

/** The file(s) createMigration would write, by absolute path, without writing them. */
export function plannedMigration(set: MigrationSet, options: NewMigrationOptions): { file: string; text: string }[] {
  return planNewMigration(set, options).files;
}

function planNewMigration(set: MigrationSet, options: NewMigrationOptions): { version: string; name: string; files: { file: string; text: string }[] } {
  const name = snakeName(options.name);
  if (!name) throw new MigratorError(`"${options.name}" is not a usable migration name`, { fix: 'use words such as add_chunk_embeddings' });
  // A sqitch change is named, not numbered.
  const version = set.layout === 'sqitch' ? name : nextVersion(set, options.now);
  const previous = set.migrations[set.migrations.length - 1];
  const date = options.now.toISOString().slice(0, 10);
  const files = templateFiles(set.layout, version, name, {
    dependencies: previous ? path.basename(previous.files[0]) : 'none',
    author: options.author,
    date,
  });
  return { version, name, files: files.map(([fileName, text]) => ({ file: path.join(set.dir, fileName), text })) };
}

/** drizzle applies what its journal lists, sqitch what its plan lists: add the new one there. */
function listNewMigration(set: MigrationSet, version: string, name: string, options: NewMigrationOptions): string | undefined {
  if (set.layout === 'drizzle') {
    const file = path.join(set.dir, DRIZZLE_JOURNAL);
    const journal = fs.existsSync(file)
      ? JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string; dialect?: string; entries: Record<string, unknown>[] }
      : { version: '7', dialect: 'postgresql', entries: [] };
    journal.entries ??= [];
    const last = journal.entries[journal.entries.length - 1];
    journal.entries.push({ idx: journal.entries.length, version: (last?.version as string | undefined) ?? journal.version ?? '7', when: options.now.getTime(), tag: `${version}_${name}`, breakpoints: true });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(journal, null, 2) + '\n');
    return file;
  }
  if (set.layout === 'sqitch') {
    const file = path.join(set.dir, SQITCH_PLAN);
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `%syntax-version=1.0.0\n%project=${path.basename(set.dir)}\n\n`;
    const stamp = options.now.toISOString().replace(/\.\d+Z$/, 'Z');
    const email = options.email ?? `${options.author.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@localhost`;
    fs.writeFileSync(file, `${text}${text.endsWith('\n') ? '' : '\n'}${name} ${stamp} ${options.author} <${email}> # what ${name} changes, and why\n`);
    return file;
  }
  return undefined;
}

interface HeaderValues {
  dependencies: string;
  author: string;
  date: string;
}

function header(fileName: string, h: HeaderValues): string {
  return [
    `-- Migration: ${fileName}`,
    '-- Description: what this migration changes, and why',
    `-- Dependencies: ${h.dependencies}`,
    `-- Author: ${h.author}`,
    `-- Date: ${h.date}`,
    '',
  ].join('\n');
}

function templateFiles(layout: MigrationSet['layout'], version: string, name: string, h: HeaderValues): [string, string][] {
  switch (layout) {
    case 'dbmate': {
      const file = `${version}_${name}.sql`;
      return [[file, `${header(file, h)}\n-- migrate:up\n\n\n-- migrate:down\n\n`]];
    }
    case 'golang-migrate': {
      const base = `${version}_${name}`;
      return [[`${base}.up.sql`, `${header(`${base}.up.sql`, h)}\n`], [`${base}.down.sql`, `-- Undoes ${base}.up.sql\n\n`]];
    }
    case 'flyway':
      return [[`V${version}__${name}.sql`, `${header(`V${version}__${name}.sql`, h)}\n`], [`U${version}__${name}.sql`, `-- Undoes V${version}__${name}.sql\n\n`]];
    case 'goose': {
      const file = `${version}_${name}.sql`;
      return [[file, `${header(file, h)}\n-- +goose Up\n\n\n-- +goose Down\n\n`]];
    }
    // The tools of these layouts run the whole file: UP only, no DOWN to run by mistake.
    case 'prisma':
      return [[`${version}_${name}/migration.sql`, `-- ${name}: what this migration changes, and why\n\n`]];
    case 'drizzle':
    case 'supabase':
    case 'plain': {
      const file = `${version}_${name}.sql`;
      return [[file, `${header(file, h)}\n`]];
    }
    case 'sqitch':
      return [
        [`deploy/${name}.sql`, `-- Deploy ${name}\n\nBEGIN;\n\n\nCOMMIT;\n`],
        [`revert/${name}.sql`, `-- Revert ${name}\n\nBEGIN;\n\n\nCOMMIT;\n`],
        [`verify/${name}.sql`, `-- Verify ${name}\n\nBEGIN;\n\n\nROLLBACK;\n`],
      ];
    default: {
      const file = `${version}_${name}.sql`;
      return [[file, `${header(file, h)}\n-- UP Migration\nBEGIN;\n\n\nCOMMIT;\n\n-- DOWN Migration\nBEGIN;\n\n\nCOMMIT;\n`]];
    }
  }
}
