// A migration that uses a pgvector feature newer than the pgvector the project runs on fails on
// the server ('type "halfvec" does not exist', 'access method "hnsw" does not exist', or an
// ignored setting), usually not on the developer's newer laptop. `pgvectorVersion` in the config
// says which release production has.
import { as, nameRangeAtLocation, names, Range, rangeAtLocation, stmtAs, typeInfo } from '../ast';
import { indexElementsOf } from '../index-elements';
import {
  ACCESS_METHOD_FEATURES, compareVersions, FUNCTION_FEATURES, opclassFeature, OPERATOR_FEATURES, PgvectorFeature, settingFeature, TYPE_FEATURES,
} from '../pgvector-features';
import { phraseRange } from '../statement-text';
import { memoByStatement } from '../statement-memo';
import { nodesOf, statementNodes, typeNamesOf } from '../statement-nodes';
import { typeRange } from '../type-range';
import type { ParsedStatement, Rule } from '../types';

interface Use extends Range {
  feature: PgvectorFeature;
}

export const vectorFeatureVersion: Rule = {
  meta: {
    id: 'vector-feature-version',
    checklistItem: 7,
    defaultSeverity: 'error',
    description: 'A pgvector feature newer than the configured pgvectorVersion: halfvec, sparsevec and bit vectors (0.7.0), iterative scans (0.8.0), HNSW (0.5.0).',
    rationale: 'The statement fails, or a setting is silently ignored, on a server whose pgvector predates the feature. Upgrade pgvector there (ALTER EXTENSION vector UPDATE) and raise pgvectorVersion in pgvector-migrator.json, or avoid the feature.',
    docs: 'docs/rules/vector-feature-version.md',
    fixable: false,
  },
  check(ctx) {
    const target = ctx.config.pgvectorVersion;
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const uses = memoByStatement('vector-feature-version', stmt, usesIn);
        if (uses.length === 0) continue;
        const seen = new Set<string>();
        for (const use of uses) {
          if (compareVersions(target, use.feature.since) >= 0 || seen.has(use.feature.key)) continue;
          seen.add(use.feature.key);
          ctx.report({
            file: m.up.section.file,
            start: use.start,
            end: use.end,
            message: `${use.feature.label} needs pgvector ${use.feature.since} or later, but the project targets pgvector ${target} (pgvector-migrator.json)`,
            help: `upgrade pgvector to ${use.feature.since} or later on every server (ALTER EXTENSION vector UPDATE) and raise pgvectorVersion, or do without ${use.feature.label}`,
          });
        }
      }
    }
  },
};

/** The statement's uses of versioned features, in text order. */
function usesIn(stmt: ParsedStatement): Use[] {
  if (!stmt.ast) return [];
  const out: Use[] = [];
  for (const tn of typeNamesOf(stmt)) {
    const info = typeInfo(tn);
    const feature = info && info.schema !== 'pg_catalog' ? TYPE_FEATURES[info.name] : undefined;
    const range = feature && typeRange(stmt, tn);
    if (feature && range) out.push({ start: range.start, end: range.end, feature });
  }
  for (const expr of nodesOf(stmt, 'A_Expr')) {
    const feature = OPERATOR_FEATURES[names(expr.name).join('')];
    if (feature) out.push({ ...rangeAtLocation(stmt, expr.location), feature });
  }
  for (const fn of nodesOf(stmt, 'FuncCall')) {
    const name = names(fn.funcname).pop()?.toLowerCase() ?? '';
    const feature = FUNCTION_FEATURES[name];
    if (feature) out.push({ ...nameRangeAtLocation(stmt, fn.location), feature });
    const setting = name === 'set_config' ? as(fn.args?.[0], 'A_Const') : undefined;
    const settingUse = setting?.sval?.sval ? settingFeature(setting.sval.sval) : undefined;
    if (settingUse) out.push({ ...rangeAtLocation(stmt, setting!.location), feature: settingUse });
  }
  const index = stmtAs(stmt, 'IndexStmt');
  const method = index?.accessMethod?.toLowerCase();
  if (index && method) {
    const feature = ACCESS_METHOD_FEATURES[method];
    const at = feature && phraseRange(stmt, ['using', method]);
    if (feature && at) out.push({ ...at, feature });
    for (const el of indexElementsOf(stmt)) {
      const opclass = el.opclassName ? opclassFeature(el.opclassName) : undefined;
      if (opclass && el.opclass) out.push({ ...el.opclass, feature: opclass });
    }
  }
  // SET statements, also those nested unwrapped in ALTER DATABASE / ROLE ... SET.
  for (const set of [...nodesOf(stmt, 'VariableSetStmt'), ...statementNodes(stmt).setStmts]) {
    const feature = set.name ? settingFeature(set.name) : undefined;
    const at = feature && phraseRange(stmt, set.name!.toLowerCase().split(/(\.)/));
    if (feature && at) out.push({ ...at, feature });
  }
  return out.sort((a, b) => a.start - b.start);
}
