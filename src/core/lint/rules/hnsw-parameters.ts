// HNSW build parameters outside pgvector's bounds fail CREATE INDEX ("value 200 out of bounds for
// option "m""; "ef_construction must be greater than or equal to 2 * m"), often in the deploy
// that was supposed to make search fast.
import { stmtAs } from '../ast';
import { indexOptions, IndexOption } from '../index-options';
import type { ParsedMigration, ParsedStatement, Rule, RuleContext } from '../types';

/** pgvector's HNSW_MIN_M.. and HNSW_DEFAULT_* (hnsw.h). */
export const M = { min: 2, max: 100, default: 16 };
export const EF_CONSTRUCTION = { min: 4, max: 1000, default: 64 };

export const hnswParameters: Rule = {
  meta: {
    id: 'hnsw-parameters',
    checklistItem: 5,
    defaultSeverity: 'error',
    description: 'HNSW m outside 2..100, ef_construction outside 4..1000, or ef_construction below 2 * m.',
    rationale: 'pgvector rejects these values when the index is built, so the migration fails. m (connections per node, default 16) must be 2..100 and ef_construction (candidate list while building, default 64) 4..1000 and at least 2 * m.',
    docs: 'docs/rules/hnsw-parameters.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) checkIndex(ctx, m, stmt);
    }
  },
};

function checkIndex(ctx: RuleContext, migration: ParsedMigration, stmt: ParsedStatement): void {
  const index = stmtAs(stmt, 'IndexStmt');
  if (index?.accessMethod?.toLowerCase() !== 'hnsw') return;
  const options = indexOptions(stmt, index);
  const file = migration.up.section.file;
  const report = (option: IndexOption, message: string, help: string) =>
    ctx.report({ file, start: option.range.start, end: option.range.end, message, help });

  const m = options.get('m');
  const ef = options.get('ef_construction');
  const mOk = m === undefined || inRange(m, M, report);
  const efOk = ef === undefined || inRange(ef, EF_CONSTRUCTION, report);
  if (!mOk || !efOk) return;
  const mValue = (m?.value as number | undefined) ?? M.default;
  const efValue = (ef?.value as number | undefined) ?? EF_CONSTRUCTION.default;
  if (efValue >= 2 * mValue) return;
  if (ef) {
    report(ef, `ef_construction = ${efValue} is below 2 * m (${2 * mValue}): pgvector refuses to build the index`,
      `raise ef_construction to at least ${2 * mValue} (or lower m)`);
  } else if (m) {
    report(m, `m = ${mValue} needs ef_construction of at least ${2 * mValue}, but it is left at its default of ${EF_CONSTRUCTION.default}`,
      `add ef_construction = ${Math.min(EF_CONSTRUCTION.max, 4 * mValue)} to WITH (...) (or lower m)`);
  }
}

function inRange(
  option: IndexOption, bounds: { min: number; max: number; default: number },
  report: (o: IndexOption, message: string, help: string) => void,
): boolean {
  const v = option.value;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    report(option, `${option.name} must be an integer, not ${JSON.stringify(v ?? '')}`, `write ${option.name} = ${bounds.default} (the default) or another integer from ${bounds.min} to ${bounds.max}`);
    return false;
  }
  if (v >= bounds.min && v <= bounds.max) return true;
  report(option, `${option.name} = ${v} is outside pgvector's bounds ${bounds.min}..${bounds.max}: the index build fails`,
    `choose ${option.name} from ${bounds.min} to ${bounds.max}; the default, ${bounds.default}, suits most embeddings`);
  return false;
}
