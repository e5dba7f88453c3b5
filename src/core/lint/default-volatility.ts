// Whether a column DEFAULT forces PostgreSQL (11+) to rewrite the table when the column is added.
// A non-volatile default is evaluated once and stored in the catalog; a volatile one must be
// evaluated for every existing row. Functions are judged by name: built-ins we know, plus the
// functions the migrations themselves create with IMMUTABLE or STABLE. Anything else is unknown
// and treated as volatile, as PostgreSQL's own default volatility for CREATE FUNCTION is VOLATILE.
import type { FuncCall, Node } from '@pgsql/types';
import { as, names, walk } from './ast';
import type { ParsedMigration } from './types';

/** Built-ins that are VOLATILE: each row gets its own value. */
export const VOLATILE_FUNCTIONS = new Set([
  'random', 'random_normal', 'gen_random_uuid', 'uuidv4', 'uuidv7', 'uuid_generate_v1', 'uuid_generate_v1mc',
  'uuid_generate_v4', 'clock_timestamp', 'timeofday', 'nextval', 'setval', 'currval', 'lastval',
  'gen_random_bytes', 'txid_current', 'pg_current_xact_id',
]);

/** Built-ins that are STABLE or IMMUTABLE and commonly used in defaults. */
const NON_VOLATILE_FUNCTIONS = new Set([
  'now', 'transaction_timestamp', 'statement_timestamp', 'current_setting', 'to_timestamp', 'to_date', 'date_trunc',
  'make_date', 'make_time', 'make_timestamp', 'make_timestamptz', 'make_interval', 'timezone', 'lower', 'upper',
  'btrim', 'trim', 'concat', 'concat_ws', 'length', 'md5', 'abs', 'round', 'floor', 'ceil', 'greatest', 'least',
  'jsonb_build_object', 'json_build_object', 'jsonb_build_array', 'json_build_array', 'to_jsonb', 'to_json',
  'array_fill', 'to_tsvector', 'setweight', 'uuid_nil', 'uuid_ns_url',
  'format', 'replace', 'substring', 'left', 'right', 'coalesce', 'nullif', 'array_to_string',
]);

export interface VolatileCall {
  name: string;
  /** AST location of the call (relative to its statement). */
  location?: number;
  /** True for a function we know is volatile; false when we just do not know it. */
  known: boolean;
}

/** The first call in `expr` that makes it volatile, or undefined for a constant-per-statement default. */
export function volatileCallIn(expr: Node | undefined, declared: ReadonlyMap<string, Volatility>): VolatileCall | undefined {
  let found: VolatileCall | undefined;
  walk(expr, (n) => {
    if (found || n.kind !== 'FuncCall') return;
    const call = n.body as FuncCall;
    const parts = names(call.funcname);
    const name = (parts[parts.length - 1] ?? '').toLowerCase();
    const own = declared.get(name);
    if (own === 'volatile') found = { name, location: call.location, known: true };
    else if (own !== undefined || NON_VOLATILE_FUNCTIONS.has(name)) return;
    else if (VOLATILE_FUNCTIONS.has(name)) found = { name, location: call.location, known: true };
    else found = { name, location: call.location, known: false };
  });
  return found;
}

export type Volatility = 'volatile' | 'stable' | 'immutable';

/** Volatility of the functions the UP sections of `migrations` create, by lower-cased name. */
export function declaredFunctionVolatility(migrations: readonly ParsedMigration[]): Map<string, Volatility> {
  const out = new Map<string, Volatility>();
  for (const m of migrations) {
    for (const s of m.up.statements) {
      const fn = as(s.ast, 'CreateFunctionStmt');
      if (!fn) continue;
      const parts = names(fn.funcname);
      const name = (parts[parts.length - 1] ?? '').toLowerCase();
      let volatility: Volatility = 'volatile';
      for (const o of fn.options ?? []) {
        const d = as(o, 'DefElem');
        const value = as(d?.arg, 'String')?.sval?.toLowerCase();
        if (d?.defname === 'volatility' && (value === 'stable' || value === 'immutable' || value === 'volatile')) volatility = value;
      }
      out.set(name, volatility);
    }
  }
  return out;
}
