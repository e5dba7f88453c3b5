// The view of one parsed set that the language features query: where a file offset falls in the
// history (which migration, section and statement), the schema as of that offset, and how to
// name a source location. It wraps the ParsedSet the lint session built for the same text, and
// reads the schema through schemaSnapshots, which lint's run shares: one model per edit. The
// architecture spec's ```sql blocks are places too: they see the schema after the last migration.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProjectConfig } from '../config/config';
import type { ParsedSet } from '../lint/parse-set';
import type { ParsedMigration, ParsedSection, ParsedStatement, SchemaModel, SourceRef } from '../lint/types';
import { emptySchema, schemaSnapshots } from '../model';
import { parseStatement } from '../lint/parse-set';
import { parseSpec } from '../schema/spec';
import { LineIndex } from '../sql/positions';
import { splitStatements } from '../sql/split';

/**
 * Where a file offset is: a section of a migration, and the statement that holds it (if any). In
 * a SQL block of the architecture spec there is no migration nor section.
 */
export interface Place {
  migration?: ParsedMigration;
  section?: ParsedSection;
  /** The statement whose text holds the offset (from its first token to its semicolon). */
  statement?: ParsedStatement;
}

/** The architecture spec of the project: its path, and its editor text when it is open (else the disk's). */
export interface SpecSource {
  file: string;
  text?: string;
}

/** The spec's SQL blocks split into statements, offsets into the whole Markdown text. */
interface SpecBlocks {
  file: string;
  text: string;
  blocks: { start: number; end: number; statements: ParsedStatement[] }[];
}

export class ProjectModel {
  private readonly lineIndexes = new Map<string, LineIndex>();
  private specBlocks: SpecBlocks | undefined | null = null;

  constructor(readonly parsed: ParsedSet, readonly config: ProjectConfig, readonly spec?: SpecSource) {}

  get migrations(): readonly ParsedMigration[] {
    return this.parsed.migrations;
  }

  /** The migration section of `file` that holds `offset`. */
  placeAt(file: string, offset: number): Place | undefined {
    const resolved = path.resolve(file);
    if (this.spec && resolved === path.resolve(this.spec.file)) {
      const block = this.readSpec()?.blocks.find((b) => b.start <= offset && offset <= b.end);
      return block && { statement: statementAt(block.statements, offset) };
    }
    for (const migration of this.parsed.migrations) {
      for (const section of [migration.up, migration.down]) {
        if (!section || path.resolve(section.section.file) !== resolved) continue;
        const s = section.section;
        // A section runs to the next marker; the cursor at its very end still belongs to it.
        if (offset < s.start || offset > s.end) continue;
        return { migration, section, statement: statementAt(section.statements, offset) };
      }
    }
    return undefined;
  }

  /**
   * The schema a statement at `offset` sees: every UP statement before it applied, in version
   * order. In a DOWN section, the schema after the migration's UP (what DOWN runs against).
   */
  schemaAt(place: Place, offset: number): SchemaModel {
    if (!place.migration || !place.section) return this.finalSchema();
    const snapshots = schemaSnapshots(this.parsed.migrations);
    if (place.section !== place.migration.up) return snapshots.after(place.migration);
    const next = place.section.statements.find((st) => st.endWithSemicolon > offset || st.end >= offset);
    return next ? snapshots.at(place.migration, next) : snapshots.after(place.migration);
  }

  /** The schema just after the statement at `offset` (the objects that statement creates included). */
  schemaAfterStatement(place: Place): SchemaModel {
    if (!place.migration || !place.section) return this.finalSchema();
    const snapshots = schemaSnapshots(this.parsed.migrations);
    if (place.section !== place.migration.up) return snapshots.after(place.migration);
    const i = place.statement ? place.section.statements.indexOf(place.statement) : -1;
    const next = i >= 0 ? place.section.statements[i + 1] : undefined;
    return next ? snapshots.at(place.migration, next) : snapshots.after(place.migration);
  }

  /** The schema after the last migration. */
  finalSchema(): SchemaModel {
    const last = this.parsed.migrations[this.parsed.migrations.length - 1];
    return last ? schemaSnapshots(this.parsed.migrations).after(last) : emptySchema();
  }

  /** The text of a file of the set, as parsed (unsaved edits included). */
  fileText(file: string): string | undefined {
    const resolved = path.resolve(file);
    if (this.spec && resolved === path.resolve(this.spec.file)) return this.readSpec()?.text;
    for (const m of this.parsed.migrations) {
      for (const s of [m.up, m.down]) if (s && path.resolve(s.section.file) === resolved) return s.section.fileText;
    }
    return undefined;
  }

  lines(file: string): LineIndex | undefined {
    let index = this.lineIndexes.get(file);
    if (!index) {
      const text = this.fileText(file);
      if (text === undefined) return undefined;
      index = new LineIndex(text);
      this.lineIndexes.set(file, index);
    }
    return index;
  }

  /** The spec's blocks, read on first use (the file may not exist: then there are none). */
  private readSpec(): SpecBlocks | undefined {
    if (this.specBlocks !== null) return this.specBlocks;
    const { file } = this.spec!;
    let text = this.spec!.text;
    try {
      text ??= fs.readFileSync(file, 'utf8');
    } catch {
      return (this.specBlocks = undefined);
    }
    // The same blocks the schema checks read (parseSpec), split the way migrations are.
    const blocks = parseSpec(text, file).blocks.map((b) => ({
      start: b.start, end: b.end,
      statements: splitStatements(text!, b.start, b.end).statements.map(parseStatement),
    }));
    return (this.specBlocks = { file, text, blocks });
  }

  /** `0003_create_chunks.sql:12`: how an item's detail names where something was defined. */
  where(ref: SourceRef): string {
    const line = this.lines(ref.file)?.positionAt(ref.start).line;
    return `${path.basename(ref.file)}${line === undefined ? '' : `:${line}`}`;
  }
}

/**
 * The statement the cursor at `offset` is in: from its first token up to its semicolon, or, for
 * one still being typed (no semicolon yet), up to where the next statement starts.
 */
function statementAt(statements: readonly ParsedStatement[], offset: number): ParsedStatement | undefined {
  let found: ParsedStatement | undefined;
  for (const st of statements) {
    if (st.start > offset) break;
    found = st;
  }
  if (!found) return undefined;
  const terminated = found.endWithSemicolon > found.end;
  return !terminated || offset < found.endWithSemicolon ? found : undefined;
}
