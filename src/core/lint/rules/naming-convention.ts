// Names are forever: once applications and dashboards query a table, renaming it is a migration
// with a compatibility window. A quoted "DocumentChunks" must be quoted in every query forever,
// and an unquoted DocumentChunks silently becomes documentchunks.
import type { ColumnDef, Constraint, Node, RangeVar } from '@pgsql/types';
import { ConfigError } from '../../errors';
import { as, identifierRange, names, rangeAtLocation, Range, stmtAs, tableElements, columnConstraints } from '../ast';
import { memoByStatement } from '../statement-memo';
import { textOf } from '../statement-text';
import type { ParsedStatement, Rule, RuleContext } from '../types';

const DEFAULT_PATTERN = '^[a-z_][a-z0-9_]*$';

interface Declared {
  kind: string;
  /** The name as PostgreSQL stores it (folded to lower case unless quoted). */
  name: string;
  range: Range;
}

export const namingConvention: Rule = {
  meta: {
    id: 'naming-convention',
    checklistItem: 1,
    defaultSeverity: 'warning',
    description: 'A table, column, index, constraint, view, schema, sequence, type or function name that is not snake_case (or the configured pattern).',
    rationale: 'Names outlive migrations: a quoted mixed-case name must be quoted in every query, and an unquoted camelCase name is silently folded to lower case. Use snake_case, or the pattern in the rule\'s options: "naming-convention": ["warning", { "pattern": "^[a-z][a-z0-9_]*$" }].',
    docs: 'docs/rules/naming-convention.md',
    fixable: false,
  },
  check(ctx) {
    const pattern = readPattern(ctx);
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        for (const d of memoByStatement('naming-convention', stmt, declaredNames)) {
          const written = textOf(stmt, d.range);
          const folded = !written.startsWith('"') && /[a-z][A-Z]/.test(written);
          if (pattern.test(d.name) && !folded) continue;
          const suggestion = snakeCase(written.replace(/^"|"$/g, ''));
          ctx.report({
            file: m.up.section.file,
            ...d.range,
            message: folded
              ? `${d.kind} ${written} is stored as ${d.name}: PostgreSQL folds unquoted names to lower case`
              : `${d.kind} ${written} does not match the naming convention ${pattern.source}`,
            help: pattern.test(suggestion) ? `name it ${suggestion}` : `choose a name that matches ${pattern.source}`,
          });
        }
      }
    }
  },
};

function readPattern(ctx: RuleContext): RegExp {
  const raw = ctx.options.pattern ?? DEFAULT_PATTERN;
  if (typeof raw !== 'string') throw new ConfigError(`rules.naming-convention: "pattern" must be a string (got ${typeof raw})`);
  try {
    return new RegExp(raw);
  } catch (err) {
    throw new ConfigError(`rules.naming-convention: "pattern" is not a valid regular expression: ${(err as Error).message}`);
  }
}

/** `DocumentChunks` -> `document_chunks`, `Chunk Text` -> `chunk_text`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .toLowerCase();
}

function declaredNames(stmt: ParsedStatement): Declared[] {
  const out: Declared[] = [];
  const add = (kind: string, name: string | undefined, range: Range | undefined) => {
    if (name && range) out.push({ kind, name, range });
  };
  const relation = (kind: string, rv: RangeVar | undefined) => add(kind, rv?.relname, rv?.relname ? identifierRange(stmt, rv.relname, stmt.fileOffset(rv.location)) : undefined);
  const column = (col: ColumnDef | undefined) => add('column', col?.colname, col?.location !== undefined ? rangeAtLocation(stmt, col.location) : undefined);
  const constraint = (con: Constraint | undefined) => add('constraint', con?.conname, con?.conname ? identifierRange(stmt, con.conname, stmt.fileOffset(con.location)) : undefined);
  const qualifiedName = (kind: string, list: Node[] | undefined) => {
    if (!list) return;
    const name = names(list).pop();
    add(kind, name, name ? identifierRange(stmt, name, qualifiedNameStart(stmt, list)) : undefined);
  };

  const create = stmtAs(stmt, 'CreateStmt');
  if (create) {
    relation('table', create.relation);
    const { columns, constraints } = tableElements(create.tableElts);
    for (const col of columns) {
      column(col);
      columnConstraints(col).forEach(constraint);
    }
    constraints.forEach(constraint);
  }
  const alter = stmtAs(stmt, 'AlterTableStmt');
  for (const c of alter?.cmds ?? []) {
    const cmd = as(c, 'AlterTableCmd');
    const col = cmd?.subtype === 'AT_AddColumn' ? as(cmd.def, 'ColumnDef') : undefined;
    if (col) {
      column(col);
      columnConstraints(col).forEach(constraint);
    }
    if (cmd?.subtype === 'AT_AddConstraint') constraint(as(cmd.def, 'Constraint'));
  }
  const index = stmtAs(stmt, 'IndexStmt');
  if (index?.idxname) add('index', index.idxname, identifierRange(stmt, index.idxname));
  relation('view', stmtAs(stmt, 'ViewStmt')?.view);
  const tableAs = stmtAs(stmt, 'CreateTableAsStmt');
  relation(tableAs?.objtype === 'OBJECT_MATVIEW' ? 'materialized view' : 'table', tableAs?.into?.rel);
  relation('sequence', stmtAs(stmt, 'CreateSeqStmt')?.sequence);
  relation('type', stmtAs(stmt, 'CompositeTypeStmt')?.typevar);
  qualifiedName('type', stmtAs(stmt, 'CreateEnumStmt')?.typeName);
  qualifiedName('domain', stmtAs(stmt, 'CreateDomainStmt')?.domainname);
  qualifiedName('function', stmtAs(stmt, 'CreateFunctionStmt')?.funcname);
  const schema = stmtAs(stmt, 'CreateSchemaStmt')?.schemaname;
  if (schema) add('schema', schema, identifierRange(stmt, schema));
  const rename = stmtAs(stmt, 'RenameStmt');
  if (rename?.newname) add(RENAMED_KINDS[rename.renameType ?? ''] ?? 'name', rename.newname, lastIdentifier(stmt, rename.newname));
  return out;
}

const RENAMED_KINDS: Record<string, string> = {
  OBJECT_TABLE: 'table', OBJECT_COLUMN: 'column', OBJECT_INDEX: 'index', OBJECT_TABCONSTRAINT: 'constraint',
  OBJECT_VIEW: 'view', OBJECT_MATVIEW: 'materialized view', OBJECT_SCHEMA: 'schema', OBJECT_SEQUENCE: 'sequence',
};

/** Where the last part of `schema.name` is written: after the schema, when there is one. */
function qualifiedNameStart(stmt: ParsedStatement, list: Node[] | undefined): number {
  const parts = names(list);
  if (parts.length < 2) return stmt.start;
  return identifierRange(stmt, parts[parts.length - 2])?.end ?? stmt.start;
}

/** The last token naming `name`: the new name after RENAME ... TO. */
function lastIdentifier(stmt: ParsedStatement, name: string): Range | undefined {
  let found: Range | undefined;
  for (let r = identifierRange(stmt, name); r; r = identifierRange(stmt, name, r.end)) found = r;
  return found;
}
