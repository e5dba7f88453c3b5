// `pgvector-migrator lint [paths...]`: the editor's checks, for CI. Paths may be migration files
// or directories; a file is linted together with the rest of its directory's set, because rules
// reason across migrations, but only its own findings are shown. Exit 1 when an error is found.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadProject } from '../../core/config/config';
import { ensureParser, lintLimitsFor, lintParsedSet, parseMigrationSet } from '../../core/lint/engine';
import { unmatchedGlobWarning, unmatchedModelGlobs } from '../../core/lint/embedding-globs';
import { ALL_RULES } from '../../core/lint/rules';
import { assertKnownRuleIds } from '../../core/lint/severity';
import { SCHEMA_RULES } from '../../core/schema/rules';
import { PLAN_RISK_METAS } from '../../core/plan/risks';
import type { Finding } from '../../core/lint/types';
import { loadProjectMigrations } from '../../core/migrations/discover';
import { brokenLink } from '../../core/migrations/read-entry';
import type { CliCommand } from '../command';
import { EXIT_FAILED, EXIT_OK } from '../command';
import { toJsonFindings } from '../lint-output/json';
import { toSarif } from '../lint-output/sarif';
import { formatText } from '../lint-output/text';
import { formatOption, requireMigrations, UsageError } from '../project';

interface Target {
  dir: string;
  /** Only these files' findings, or every finding of the directory when undefined. */
  files?: Set<string>;
}

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'check migrations against the rules (syntax, versions, transactions, pgvector, locking)',
  usage: '[paths...] [--format text|json|sarif]',
  options: {},
  async run(args, io) {
    const format = formatOption(args, ['text', 'json', 'sarif']);
    const project = loadProject(args.values.dir as string | undefined, io.cwd);
    assertKnownRuleIds(project.config, [...ALL_RULES.map((r) => r.meta.id), ...SCHEMA_RULES.map((m) => m.id), ...PLAN_RISK_METAS.map((m) => m.id)], project.configFile ?? 'pgvector-migrator.json');
    const targets = resolveTargets(args.positionals, project.migrationsDir, io.cwd);
    await ensureParser();
    const findings: Finding[] = [];
    const files = new Set<string>();
    for (const target of targets) {
      const set = loadProjectMigrations(project, target.dir);
      if (!target.files) requireMigrations(project, set, io);
      const parsed = parseMigrationSet(set, undefined, lintLimitsFor(project.config));
      for (const f of lintParsedSet(parsed, project.config, ALL_RULES)) {
        if (!target.files || target.files.has(f.file)) findings.push(f);
      }
      if (path.resolve(target.dir) === path.resolve(project.migrationsDir)) {
        const configName = project.configFile ? path.relative(io.cwd, project.configFile) || 'pgvector-migrator.json' : 'pgvector-migrator.json';
        for (const g of unmatchedModelGlobs(parsed, project.config)) io.err(unmatchedGlobWarning(g, configName));
      }
      const setFiles = [...set.migrations.flatMap((m) => m.files), ...set.problems.map((p) => p.file)];
      for (const f of setFiles) if (!target.files || target.files.has(f)) files.add(f);
    }
    if (format === 'json') io.out(JSON.stringify(toJsonFindings(findings, io.cwd), null, 2));
    else if (format === 'sarif') io.out(JSON.stringify(toSarif(findings, ALL_RULES.map((r) => r.meta), io.cwd), null, 2));
    else io.out(formatText(findings, new Map(ALL_RULES.map((r) => [r.meta.id, r.meta])), io.cwd, files.size));
    return findings.some((f) => f.severity === 'error') ? EXIT_FAILED : EXIT_OK;
  },
};

/** Groups the paths by migrations directory; no paths means the project's migrations directory. */
function resolveTargets(paths: string[], migrationsDir: string, cwd: string): Target[] {
  if (paths.length === 0) return [{ dir: migrationsDir }];
  const byDir = new Map<string, Target>();
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    if (!fs.existsSync(abs)) throw new UsageError(`${p} ${brokenLink(abs) ?? 'does not exist'}`, { fix: 'pass migration files or directories' });
    if (fs.statSync(abs).isDirectory()) {
      byDir.set(abs, { dir: abs });
      continue;
    }
    const dir = path.dirname(abs);
    const target = byDir.get(dir) ?? { dir, files: new Set<string>() };
    target.files?.add(abs);
    byDir.set(dir, target);
  }
  return [...byDir.values()];
}
