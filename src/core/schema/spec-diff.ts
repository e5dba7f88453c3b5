// The schema the migrations build against the schema the spec builds, both read from catalogs.
// Tables, columns, views, types and functions match by name; constraints and indexes match by
// what they do (their columns), because their names are often generated and rarely matter.
import type { CatalogSnapshot, ColumnEntry, ConstraintEntry, IndexEntry, RelationEntry } from './catalog';
import { displayName } from './catalog';
import {
  columnObject, columnSummary, constraintObject, extensionObject, functionObject, hasColumns, indexObject, indexSummary,
  relationObject, schemaObject, SchemaObject, tableChildObject, typeObject,
} from './objects';

export type DriftSide = 'missing' | 'extra' | 'different';

export interface Drift {
  /** missing: in the spec only; extra: in the migrated schema only; different: in both, unlike. */
  side: DriftSide;
  /** The object in the migrated schema (extra, different). */
  migrated?: SchemaObject;
  /** The object in the spec (missing, different). */
  spec?: SchemaObject;
  /** A word to point at in the migration, e.g. the operator class that differs. */
  focus?: string;
  message: string;
  help: string;
}

export function diffAgainstSpec(migrated: CatalogSnapshot, spec: CatalogSnapshot): Drift[] {
  const out: Drift[] = [];
  const missing = (s: SchemaObject, what = s.display) => out.push({
    side: 'missing', spec: s, message: `the spec has ${what}; the migrations do not create it`,
    help: 'add it in a migration as the spec writes it, or take it out of the spec',
  });
  const extra = (m: SchemaObject, what = m.display) => out.push({
    side: 'extra', migrated: m, message: `${what} is not in the architecture spec`,
    help: 'add it to the spec if it is intended, or drop it in a migration',
  });
  const different = (m: SchemaObject, s: SchemaObject, diffs: string[], focus?: string) => {
    if (diffs.length === 0) return;
    out.push({
      side: 'different', migrated: m, spec: s, ...(focus ? { focus } : {}),
      message: `${m.display} differs from the spec: ${diffs.join('; ')}`,
      help: 'change it in a migration to match the spec, or update the spec if the spec is out of date',
    });
  };

  matchByKey(spec.extensions.map(extensionObject), migrated.extensions.map(extensionObject), missing, extra, () => undefined);
  matchByKey(spec.schemas.filter((n) => n !== 'public').map(schemaObject), migrated.schemas.filter((n) => n !== 'public').map(schemaObject), missing, extra, () => undefined);

  const specRelations = byName(spec.relations, (r) => `${r.schema}.${r.name}`);
  const migratedRelations = byName(migrated.relations, (r) => `${r.schema}.${r.name}`);
  const bothTables = new Set<string>();
  for (const [key, s] of specRelations) {
    const m = migratedRelations.get(key);
    if (!m) {
      missing(relationObject(s));
      continue;
    }
    bothTables.add(key);
    const diffs: string[] = [];
    if (m.kind !== s.kind) diffs.push(`a ${m.kind}, the spec has a ${s.kind}`);
    else if ((m.definition ?? '') !== (s.definition ?? '')) diffs.push(`its query is ${oneLine(m.definition)}, the spec's is ${oneLine(s.definition)}`);
    if (m.rls !== s.rls) diffs.push(m.rls ? 'row level security enabled, the spec leaves it off' : 'row level security off, the spec enables it');
    different(relationObject(m), relationObject(s), diffs);
    if (hasColumns(m) && hasColumns(s)) diffColumns(m, s, missing, extra, different);
  }
  for (const [key, m] of migratedRelations) if (!specRelations.has(key)) extra(relationObject(m));

  const inBoth = (x: { schema: string; table: string }) => bothTables.has(`${x.schema}.${x.table}`);
  diffConstraints(migrated.constraints.filter(inBoth), spec.constraints.filter(inBoth), missing, extra, different);
  diffIndexes(migrated.indexes.filter((i) => !i.constraint && inBoth(i)), spec.indexes.filter((i) => !i.constraint && inBoth(i)), missing, extra, different);

  const bySignature = (s: SchemaObject, m: SchemaObject) => (s.signature === m.signature ? [] : [`${m.summary || 'defined differently'}, the spec has ${s.summary || 'another definition'}`]);
  matchByKey(spec.types.map(typeObject), migrated.types.map(typeObject), missing, extra, (s, m) => different(m, s, bySignature(s, m)));
  matchByKey(spec.functions.map(functionObject), migrated.functions.map(functionObject), missing, extra, (s, m) => different(m, s, bySignature(s, m)));
  matchByKey(spec.triggers.filter(inBoth).map((t) => tableChildObject('trigger', t)), migrated.triggers.filter(inBoth).map((t) => tableChildObject('trigger', t)), missing, extra, (s, m) => different(m, s, bySignature(s, m)));
  matchByKey(spec.policies.filter(inBoth).map((p) => tableChildObject('policy', p)), migrated.policies.filter(inBoth).map((p) => tableChildObject('policy', p)), missing, extra, (s, m) => different(m, s, bySignature(s, m)));
  return out;
}

type Missing = (s: SchemaObject, what?: string) => void;
type Extra = (m: SchemaObject, what?: string) => void;
type Different = (m: SchemaObject, s: SchemaObject, diffs: string[], focus?: string) => void;

function byName<T>(list: readonly T[], key: (t: T) => string): Map<string, T> {
  return new Map(list.map((t) => [key(t), t]));
}

function matchByKey(spec: SchemaObject[], migrated: SchemaObject[], missing: Missing, extra: Extra, both: (s: SchemaObject, m: SchemaObject) => void): void {
  const m = byName(migrated, (o) => o.key);
  const s = byName(spec, (o) => o.key);
  for (const [key, o] of s) {
    const other = m.get(key);
    if (other) both(o, other);
    else missing(o);
  }
  for (const [key, o] of m) if (!s.has(key)) extra(o);
}

function diffColumns(m: RelationEntry, s: RelationEntry, missing: Missing, extra: Extra, different: Different): void {
  const mc = byName(m.columns, (c) => c.name);
  const sc = byName(s.columns, (c) => c.name);
  for (const [name, sCol] of sc) {
    const mCol = mc.get(name);
    if (!mCol) missing(columnObject(s, sCol), `${columnObject(s, sCol).display} (${columnSummary(sCol)})`);
    else different(columnObject(m, mCol), columnObject(s, sCol), columnDifferences(mCol, sCol));
  }
  for (const [name, mCol] of mc) if (!sc.has(name)) extra(columnObject(m, mCol), `${columnObject(m, mCol).display} (${columnSummary(mCol)})`);
}

export function columnDifferences(m: ColumnEntry, s: ColumnEntry): string[] {
  const diffs: string[] = [];
  if (m.type !== s.type) {
    diffs.push(m.baseType === s.baseType && m.dimensions !== undefined && s.dimensions !== undefined
      ? `${m.type} has ${m.dimensions} dimensions, the spec says ${s.dimensions} (${s.type})`
      : `type ${m.type}, the spec says ${s.type}`);
  }
  if (m.notNull !== s.notNull) diffs.push(m.notNull ? 'NOT NULL, the spec allows NULL' : 'NULL allowed, the spec says NOT NULL');
  if ((m.identity ?? '') !== (s.identity ?? '')) {
    diffs.push(`${m.identity ? `GENERATED ${m.identity.toUpperCase()} AS IDENTITY` : 'no identity'}, the spec says ${s.identity ? `GENERATED ${s.identity.toUpperCase()} AS IDENTITY` : 'no identity'}`);
  } else if ((m.default ?? '') !== (s.default ?? '') || Boolean(m.generated) !== Boolean(s.generated)) {
    const describe = (c: ColumnEntry) => (c.default === undefined ? 'no default' : c.generated ? `GENERATED ALWAYS AS (${c.default})` : `DEFAULT ${c.default}`);
    diffs.push(`${describe(m)}, the spec says ${describe(s)}`);
  }
  return diffs;
}

/** pg_get_constraintdef() already names the kind: FOREIGN KEY (...) REFERENCES ..., CHECK (...). */
const constraintWhat = (c: ConstraintEntry) => `constraint ${c.definition} on ${displayName(c.schema, c.table)}`;

function diffConstraints(migrated: ConstraintEntry[], spec: ConstraintEntry[], missing: Missing, extra: Extra, different: Different): void {
  const left = [...migrated];
  const unmatchedSpec: ConstraintEntry[] = [];
  const same = (a: ConstraintEntry, b: ConstraintEntry) => a.schema === b.schema && a.table === b.table && a.type === b.type;
  // The same definition is the same constraint, whatever its name.
  for (const s of spec) {
    const i = left.findIndex((m) => same(m, s) && m.definition === s.definition);
    if (i >= 0) left.splice(i, 1);
    else unmatchedSpec.push(s);
  }
  // Then the same columns (or the one primary key) with another definition: the constraint differs.
  for (const s of unmatchedSpec) {
    const i = left.findIndex((m) => same(m, s) && (s.type === 'primary key' || s.columns.join() === m.columns.join()));
    if (i < 0) {
      missing(constraintObject(s), `the ${constraintWhat(s)}`);
      continue;
    }
    const [m] = left.splice(i, 1);
    different(constraintObject(m), constraintObject(s), [`${m.definition}, the spec says ${s.definition}`]);
  }
  for (const m of left) extra(constraintObject(m), `the ${constraintWhat(m)}`);
}

function diffIndexes(migrated: IndexEntry[], spec: IndexEntry[], missing: Missing, extra: Extra, different: Different): void {
  const left = [...migrated];
  const pairs: [IndexEntry, IndexEntry][] = [];
  let pending = [...spec];
  const sameTable = (a: IndexEntry, b: IndexEntry) => a.schema === b.schema && a.table === b.table;
  const expressions = (i: IndexEntry) => i.keys.map((k) => k.expression).join(', ');
  const passes: ((m: IndexEntry, s: IndexEntry) => boolean)[] = [
    (m, s) => m.name === s.name,
    (m, s) => expressions(m) === expressions(s),
    (m, s) => m.keys[0]?.expression === s.keys[0]?.expression,
  ];
  for (const pass of passes) {
    const still: IndexEntry[] = [];
    for (const s of pending) {
      const i = left.findIndex((m) => sameTable(m, s) && pass(m, s));
      if (i >= 0) pairs.push([left.splice(i, 1)[0], s]);
      else still.push(s);
    }
    pending = still;
  }
  for (const [m, s] of pairs) {
    const { diffs, focus } = indexDifferences(m, s);
    different(indexObject(m), indexObject(s), diffs, focus);
  }
  for (const s of pending) missing(indexObject(s), `index ${s.name} on ${displayName(s.schema, s.table)} (${indexSummary(s)})`);
  for (const m of left) extra(indexObject(m), `index ${m.name} on ${displayName(m.schema, m.table)} (${indexSummary(m)})`);
}

export function indexDifferences(m: IndexEntry, s: IndexEntry): { diffs: string[]; focus?: string } {
  const diffs: string[] = [];
  let focus: string | undefined;
  if (m.method !== s.method) {
    diffs.push(`method ${m.method}, the spec says ${s.method}`);
    focus = m.method;
  }
  if (m.unique !== s.unique) diffs.push(m.unique ? 'UNIQUE, the spec\'s is not' : 'not UNIQUE, the spec\'s is');
  const mKeys = m.keys.map((k) => k.expression).join(', ');
  const sKeys = s.keys.map((k) => k.expression).join(', ');
  if (mKeys !== sKeys) {
    diffs.push(`on (${mKeys}), the spec's on (${sKeys})`);
  } else {
    m.keys.forEach((k, i) => {
      const sk = s.keys[i];
      if (k.opclass !== sk.opclass && m.method === s.method) {
        diffs.push(`operator class ${k.opclass ?? 'default'}${m.keys.length > 1 ? ` on ${k.expression}` : ''}, the spec says ${sk.opclass ?? 'default'}`);
        focus ??= k.opclass;
      }
      if (k.descending !== sk.descending || k.nullsFirst !== sk.nullsFirst) diffs.push(`${k.expression} ordered ${order(k)}, the spec says ${order(sk)}`);
    });
  }
  if (m.include.join() !== s.include.join()) diffs.push(`INCLUDE (${m.include.join(', ')}), the spec says INCLUDE (${s.include.join(', ')})`);
  const mOpts = options(m);
  const sOpts = options(s);
  if (mOpts !== sOpts) {
    diffs.push(`${mOpts ? `WITH (${mOpts})` : 'no WITH options'}, the spec says ${sOpts ? `WITH (${sOpts})` : 'none'}`);
    focus ??= Object.keys(m.options)[0];
  }
  if ((m.predicate ?? '') !== (s.predicate ?? '')) diffs.push(`${m.predicate ? `WHERE ${m.predicate}` : 'no WHERE'}, the spec says ${s.predicate ? `WHERE ${s.predicate}` : 'no WHERE'}`);
  return { diffs, ...(focus ? { focus } : {}) };
}

function order(k: { descending: boolean; nullsFirst: boolean }): string {
  return `${k.descending ? 'DESC' : 'ASC'} NULLS ${k.nullsFirst ? 'FIRST' : 'LAST'}`;
}

function options(i: IndexEntry): string {
  return Object.entries(i.options).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(', ');
}

function oneLine(text: string | undefined): string {
  return (text ?? '').trim().replace(/\s+/g, ' ').replace(/;$/, '');
}
