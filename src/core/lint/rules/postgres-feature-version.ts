// Syntax or built-in functions newer than the PostgreSQL the project targets (`postgresVersion`).
// The linter parses with PostgreSQL 18's grammar, so MERGE parses fine even when production runs
// 14; this rule is what catches it before the server does.
import { as, rangeAtLocation } from '../ast';
import { featureName, FeatureUse, FUNCTIONS, functionName, NODE_FEATURES, phraseRange, statementFeatures } from '../postgres-features';
import { statementsOf } from '../parse-set';
import { memoByStatement } from '../statement-memo';
import { statementNodes } from '../statement-nodes';
import type { ParsedStatement, Rule } from '../types';

export const postgresFeatureVersion: Rule = {
  meta: {
    id: 'postgres-feature-version',
    checklistItem: 7,
    defaultSeverity: 'error',
    description: 'Syntax or a built-in function newer than the configured postgresVersion (MERGE needs 15, JSON_TABLE 17, ...).',
    rationale: 'The migration fails with a syntax error, or "function does not exist", on a server older than the feature. Rewrite it without the feature, or raise postgresVersion in pgvector-migrator.json once every database runs a version that has it.',
    docs: 'docs/rules/postgres-feature-version.md',
    fixable: false,
  },
  check(ctx) {
    const target = ctx.config.postgresVersion;
    const userFunctions = new Set<string>();
    let pgcrypto = false;
    for (const m of ctx.migrations) {
      for (const { stmt } of statementsOf(m)) {
        const fn = as(stmt.ast, 'CreateFunctionStmt');
        if (fn) userFunctions.add((functionName(fn as Record<string, unknown>)?.name) ?? '');
        if (as(stmt.ast, 'CreateExtensionStmt')?.extname === 'pgcrypto') pgcrypto = true;
      }
    }
    for (const m of ctx.migrations) {
      for (const { stmt, section } of statementsOf(m)) {
        if (!stmt.ast) continue;
        for (const use of memoByStatement('postgres-feature-version', stmt, featuresOf)) {
          if (use.since <= target) continue;
          if (use.builtin && (userFunctions.has(use.builtin) || (use.builtin === 'gen_random_uuid' && pgcrypto))) continue;
          ctx.report({
            file: section.section.file,
            ...use.range,
            message: `${use.feature} needs PostgreSQL ${use.since}; the project targets PostgreSQL ${target}`,
            help: `rewrite it for PostgreSQL ${target}, or set "postgresVersion": ${use.since} (or later) in pgvector-migrator.json if every database runs it`,
          });
        }
      }
    }
  },
};

type Use = FeatureUse & { /** For built-in functions: the name, which the set may define itself. */ builtin?: string };

const FEATURES_BY_KIND = new Map<string, typeof NODE_FEATURES>();
for (const f of NODE_FEATURES) FEATURES_BY_KIND.set(f.kind, [...(FEATURES_BY_KIND.get(f.kind) ?? []), f]);
const NO_FEATURES: typeof NODE_FEATURES = [];

function featuresOf(stmt: ParsedStatement): Use[] {
  const out: Use[] = statementFeatures(stmt);
  for (const node of statementNodes(stmt).all) {
    for (const f of FEATURES_BY_KIND.get(node.kind) ?? NO_FEATURES) {
      if (f.when && !f.when(node.body)) continue;
      const location = typeof node.body.location === 'number' ? node.body.location : undefined;
      const range = (f.phrase && phraseRange(stmt, f.phrase, location !== undefined ? stmt.fileOffset(location) : stmt.start))
        ?? (f.phrase && phraseRange(stmt, f.phrase))
        ?? rangeAtLocation(stmt, location);
      out.push({ since: f.since, feature: featureName(f, node.body), range });
    }
    if (node.kind === 'FuncCall') {
      const fn = functionName(node.body);
      const since = fn ? FUNCTIONS[fn.name] : undefined;
      if (!fn || !since || (fn.schema && fn.schema !== 'pg_catalog')) continue;
      out.push({ since, feature: `${fn.name}()`, range: rangeAtLocation(stmt, node.body.location as number | undefined), builtin: fn.name });
    }
  }
  return out;
}
