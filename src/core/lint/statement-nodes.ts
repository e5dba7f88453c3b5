// Every node of a statement's AST, found in one walk and kept with the statement. Several rules
// look for function calls, operators, type names or SET statements anywhere in a statement; each
// walking every tree itself cost more than the rest of those rules together.
import type { TypeName, VariableSetStmt } from '@pgsql/types';
import type { NodeKind, NodeOf } from './ast';
import { memoByText } from './statement-memo';
import type { ParsedStatement } from './types';

export interface StatementNodes {
  /** Every wrapped node, in walk() order (depth first, parents before children). */
  all: { kind: NodeKind; body: Record<string, unknown> }[];
  /** The same nodes by kind, each list in walk() order. */
  byKind: Map<NodeKind, Record<string, unknown>[]>;
  /** Every bare TypeName (column types, casts, arguments, results), in typeNamesIn() order. */
  typeNames: TypeName[];
  /** SET statements held unwrapped in ALTER DATABASE / ROLE ... SET (the `setstmt` field). */
  setStmts: VariableSetStmt[];
}

/** Fields that hold a bare TypeName, as typeNamesIn() reads them. */
const TYPE_NAME_FIELDS = new Set(['typeName', 'argType', 'returnType']);

const NONE: readonly never[] = [];

export function statementNodes(stmt: ParsedStatement): StatementNodes {
  return memoByText('statementNodes', stmt, (s) => collectNodes(s.ast));
}

/** The statement's nodes of `kind`: findAll(stmt.ast, kind), from the shared walk. */
export function nodesOf<K extends NodeKind>(stmt: ParsedStatement, kind: K): readonly NodeOf<K>[] {
  return (statementNodes(stmt).byKind.get(kind) ?? NONE) as readonly NodeOf<K>[];
}

/** typeNamesIn(stmt.ast), from the shared walk. */
export function typeNamesOf(stmt: ParsedStatement): readonly TypeName[] {
  return statementNodes(stmt).typeNames;
}

/**
 * One depth-first walk that visits what walk() and typeNamesIn() visit, in the same order: a
 * wrapped node (`{ Kind: body }`) is recorded before its body's fields; any other object or array
 * is descended into field by field. (for...in, not Object.entries: a statement has thousands of
 * objects, and the walk should not allocate for each.)
 */
function collectNodes(root: unknown): StatementNodes {
  const out: StatementNodes = { all: [], byKind: new Map(), typeNames: [], setStmts: [] };
  const fields = (value: Record<string, unknown>): void => {
    for (const key in value) {
      const v = value[key];
      if (typeof v !== 'object' || v === null) continue;
      if (TYPE_NAME_FIELDS.has(key) && 'names' in v) out.typeNames.push(v as TypeName);
      if (key === 'setstmt') out.setStmts.push(v as VariableSetStmt);
      go(v);
    }
  };
  const go = (value: object): void => {
    if (Array.isArray(value)) {
      for (const v of value) if (typeof v === 'object' && v !== null) go(v);
      return;
    }
    const kind = wrapperKind(value);
    const body = kind && (value as Record<string, unknown>)[kind];
    if (kind && typeof body === 'object' && body !== null && !Array.isArray(body)) {
      record(out, kind, body as Record<string, unknown>);
      fields(body as Record<string, unknown>);
    } else fields(value as Record<string, unknown>);
  };
  if (typeof root === 'object' && root !== null) go(root);
  return out;
}

/** The kind of a wrapped node: its one key, when that key starts with a capital letter. */
function wrapperKind(value: object): NodeKind | undefined {
  let only: string | undefined;
  for (const key in value) {
    if (only !== undefined) return undefined;
    only = key;
  }
  const first = only?.charCodeAt(0) ?? 0;
  return first >= 65 && first <= 90 ? (only as NodeKind) : undefined;
}

function record(out: StatementNodes, kind: NodeKind, body: Record<string, unknown>): void {
  out.all.push({ kind, body });
  const list = out.byKind.get(kind);
  if (list) list.push(body);
  else out.byKind.set(kind, [body]);
}
