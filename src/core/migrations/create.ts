// `new NAME`: the next migration file(s) from the team's template, numbered after the newest.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MigrationSet } from './types';
import { MigratorError } from '../errors';

export interface NewMigrationOptions {
  name: string;
  author: string;
  now: Date;
}

export function snakeName(name: string): string {
  return name.trim().replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/** The next version: timestamps stay timestamps, numbers keep their zero padding (0001 -> 0002). */
export function nextVersion(set: MigrationSet, now: Date): string {
  const versions = set.migrations.map((m) => m.version);
  const last = versions[versions.length - 1];
  const usesTimestamps = set.layout === 'dbmate' || (last !== undefined && last.length >= 12);
  if (usesTimestamps) return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  if (last === undefined) return set.layout === 'flyway' || set.layout === 'golang-migrate' ? '1' : '0001';
  const next = (Number(last.split(/[._]/)[0]) + 1).toString();
  return last.length > next.length ? next.padStart(last.length, '0') : next;
}

/** Writes the new file(s) and returns their absolute paths. Never overwrites. */
export function createMigration(set: MigrationSet, options: NewMigrationOptions): string[] {
  const files = plannedMigration(set, options);
  fs.mkdirSync(set.dir, { recursive: true });
  for (const { file } of files) {
    if (fs.existsSync(file)) throw new MigratorError(`${path.basename(file)} already exists`, { location: { file } });
  }
  for (const { file, text } of files) fs.writeFileSync(file, text);
  return files.map((f) => f.file);
}

/** The file(s) createMigration would write, by absolute path, without writing them. */
export function plannedMigration(set: MigrationSet, options: NewMigrationOptions): { file: string; text: string }[] {
  const name = snakeName(options.name);
  if (!name) throw new MigratorError(`"${options.name}" is not a usable migration name`, { fix: 'use words such as add_chunk_embeddings' });
  const version = nextVersion(set, options.now);
  const previous = set.migrations[set.migrations.length - 1];
  const date = options.now.toISOString().slice(0, 10);
  const files = templateFiles(set.layout, version, name, {
    dependencies: previous ? path.basename(previous.files[0]) : 'none',
    author: options.author,
    date,
  });
  return files.map(([fileName, text]) => ({ file: path.join(set.dir, fileName), text }));
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
    default: {
      const file = `${version}_${name}.sql`;
      return [[file, `${header(file, h)}\n-- UP Migration\nBEGIN;\n\n\nCOMMIT;\n\n-- DOWN Migration\nBEGIN;\n\n\nCOMMIT;\n`]];
    }
  }
}
