// The contract between the lint engine and its rules. A rule never parses, reads files or
// touches a database: the engine hands it parsed statements, the schema model and `report`.
import type { LimitHit } from './lint-limits';
import type { Node } from '@pgsql/types';
import type { ProjectConfig, Severity } from '../config/config';
import type { Migration, MigrationSet, Section } from '../migrations/types';
import type { SqlStatement } from '../sql/split';

export type FindingSeverity = Exclude<Severity, 'off'>;

/** The team's review checklist (DESIGN.md), 1..10. */
export type ChecklistItem = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

export interface RuleMeta {
  /** Kebab-case id; a contract used by the CLI's JSON, docs and settings. */
  id: string;
  checklistItem: ChecklistItem;
  defaultSeverity: FindingSeverity;
  /** One line: what the rule finds. */
  description: string;
  /** Why it matters and how to fix it, shown in hovers (a few sentences). */
  rationale: string;
  /** Relative docs page, `docs/rules/<id>.md`. */
  docs: string;
  fixable: boolean;
}

export interface TextEdit {
  /** Absolute file path. */
  file: string;
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  /** Shown as the quick fix's title, e.g. "Change to vector(1536)". */
  title: string;
  edits: TextEdit[];
}

/** What a rule reports; the engine adds rule id, severity, lines and columns. */
export interface Report {
  /** Absolute file path; defaults to the file of the statement being checked. */
  file: string;
  /** Character offsets into that file: the offending token, not the whole statement. */
  start: number;
  end: number;
  message: string;
  /** One sentence: how to fix it. */
  help?: string;
  fix?: Fix;
  /** Config edits an editor offers beside the fix ("Declare this column as model X"), see config/declare-column.ts. */
  declarations?: ModelDeclaration[];
}

/** Claim a column for a model of pgvector-migrator.json's `embeddings`, creating the model when `create` is given. */
export interface ModelDeclaration {
  /** "Declare this column as model minilm". */
  title: string;
  model: string;
  /** `table.column` as the glob to add. */
  glob: string;
  create?: { dimensions: number; distance: string; type: string };
}

export interface Finding extends Report {
  rule: string;
  severity: FindingSeverity;
  checklistItem: ChecklistItem;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface SyntaxErrorInfo {
  message: string;
  /** File offset PostgreSQL points at (the statement's start when it gives none). */
  offset: number;
}

export interface ParsedStatement extends SqlStatement {
  /** The statement node, e.g. `{ CreateStmt: {...} }`; undefined for meta commands and syntax errors. */
  ast?: Node;
  syntaxError?: SyntaxErrorInfo;
  /** Set when the statement was too large or too deep to parse (the lint-limit rule reports it). */
  limitHit?: LimitHit;
  /** Converts an AST `location` (byte offset within this statement) to a file offset. */
  fileOffset(astLocation: number | undefined): number;
}

export interface ParsedSection {
  section: Section;
  statements: ParsedStatement[];
  /** Set when the file was too large to split and parse: `statements` is empty. */
  limitHit?: LimitHit;
}

export interface ParsedMigration {
  migration: Migration;
  /** Position in the set, in version order. */
  index: number;
  up: ParsedSection;
  down?: ParsedSection;
}

// ---- Schema model: what the migrations build, in version order. ----

export interface SourceRef {
  file: string;
  start: number;
  end: number;
  /** Index of the migration (in the set) that created or last altered the object. */
  migrationIndex: number;
}

export interface ColumnModel {
  name: string;
  /** Lower-cased type name without schema or modifiers: 'vector', 'halfvec', 'int4', 'text', 'varchar', ... */
  type: string;
  typmods: number[];
  /** Dimensions of vector/halfvec/sparsevec/bit columns, when declared. */
  dimensions?: number;
  isArray: boolean;
  notNull: boolean;
  hasDefault: boolean;
  identity: boolean;
  definedAt: SourceRef;
}

export interface ForeignKeyModel {
  name?: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  notValid: boolean;
  definedAt: SourceRef;
}

export interface IndexColumnModel {
  /** Column name, or undefined for an expression. */
  column?: string;
  /** Deparsed-ish text of an expression, e.g. "(embedding::halfvec(3072))". */
  expression?: string;
  opclass?: string;
}

export interface IndexModel {
  name: string;
  /** Qualified table key, see tableKey(). */
  table: string;
  method: string;
  unique: boolean;
  columns: IndexColumnModel[];
  /** WITH (...) options: m, ef_construction, lists, ... */
  options: Record<string, string | number>;
  partial: boolean;
  definedAt: SourceRef;
}

export interface TableModel {
  schema: string;
  name: string;
  columns: Map<string, ColumnModel>;
  primaryKey?: string[];
  uniques: string[][];
  foreignKeys: ForeignKeyModel[];
  /** Names of the table's constraints: as written, or as PostgreSQL names an unnamed key (t_pkey, t_a_key, t_a_fkey). */
  constraints: string[];
  /** What the model knows of its named constraints' definitions, by name (unset: nothing). */
  constraintDefinitions?: Map<string, ConstraintModel>;
  /** Whether the table has CHECK or EXCLUDE constraints without a name (PostgreSQL names them t_a_check ...). */
  unnamedChecks: boolean;
  /** Columns or constraints come from elsewhere (LIKE, INHERITS, OF type, PARTITION OF): the model does not know them all. */
  opaque: boolean;
  definedAt: SourceRef;
}

export interface ConstraintModel {
  /** SQL-ish text for messages: `CHECK (n > 0)`, `UNIQUE (a, b)`, `FOREIGN KEY (a) REFERENCES t (id)`. */
  text: string;
  /** Compares two definitions: the constraint's parse without its name and locations. */
  shape: string;
  definedAt: SourceRef;
}

export interface SchemaModel {
  /** Keyed by tableKey(schema, name). */
  tables: Map<string, TableModel>;
  /** Keyed by lower-cased index name. */
  indexes: Map<string, IndexModel>;
  extensions: Set<string>;
}

/** 'public.documents' for unqualified or qualified names, lower-cased unless quoted. */
export type TableKey = string;

export interface RuleContext {
  readonly config: ProjectConfig;
  /** Options from the config's `rules` map: `"rule-id": ["warning", { ... }]`. */
  readonly options: Record<string, unknown>;
  /** Every migration of the set, parsed, in version order. */
  readonly migrations: readonly ParsedMigration[];
  /** The set as discovered (dir, layout, and the files discovery could not place: `problems`). */
  readonly migrationSet: MigrationSet;
  /** Schema built by the UP sections of every migration before `m`. */
  schemaBefore(m: ParsedMigration): SchemaModel;
  /** Schema after `m`'s UP section. */
  schemaAfter(m: ParsedMigration): SchemaModel;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
