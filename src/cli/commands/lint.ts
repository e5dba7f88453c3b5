// `pgvector-migrator lint [paths...]`: the editor's checks, for CI and pre-commit. Paths may be
// directories, migration files (linted together with the rest of their directory's set, because
// rules reason across migrations, but only their own findings shown), any other SQL file (linted
// on its own, whatever its name), globs, or `-` for standard input. Exit codes as eslint's:
// 0 clean, 1 errors (or more warnings than --max-warnings), 2 usage or configuration errors.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LoadedConfig, loadProject } from '../../core/config/config';
import { ensureParser, lintLimitsFor, lintMigrationSet, lintParsedSet, parseMigrationSet } from '../../core/lint/engine';
import { unmatchedGlobWarning, unmatchedModelGlobs } from '../../core/lint/embedding-globs';
import { ALL_RULES } from '../../core/lint/rules';
import { assertKnownRuleIds } from '../../core/lint/severity';
import { SCHEMA_RULES } from '../../core/schema/rules';
import { PLAN_RISK_METAS } from '../../core/plan/risks';
import type { Finding } from '../../core/lint/types';
import { loadProjectMigrations, standaloneMigrationSet } from '../../core/migrations/discover';
import type { CliCommand, CliIo, ParsedArgs } from '../command';
import { EXIT_FAILED, EXIT_OK } from '../command';
import { cacheKey, readCache, sqlFilesOf, toolVersion, writeCache } from '../lint-cache';
import { resolveLintPaths } from '../lint-targets';
import { toGithubAnnotations } from '../lint-output/github';
import { toJsonFindings } from '../lint-output/json';
import { toSarif } from '../lint-output/sarif';
import { formatText } from '../lint-output/text';
import { formatOption, requireMigrations, UsageError } from '../project';

const FORMATS = ['text', 'json', 'sarif', 'github'];

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'check migrations or any SQL file against the rules (syntax, versions, transactions, pgvector, locking)',
  usage: '[files, directories, globs or -...] [--format text|json|sarif|github] [--max-warnings N] [--quiet] [--cache] [--cache-location FILE] [--stdin-filename NAME]',
  options: {
    cache: { type: 'boolean' },
    'cache-location': { type: 'string' },
    'max-warnings': { type: 'string' },
    quiet: { type: 'boolean' },
    'stdin-filename': { type: 'string' },
  },
  async run(args, io) {
    const format = formatOption(args, FORMATS);
    const maxWarnings = maxWarningsOption(args);
    const project = loadProject(args.values.dir as string | undefined, io.cwd);
    assertKnownRuleIds(project.config, [...ALL_RULES.map((r) => r.meta.id), ...SCHEMA_RULES.map((m) => m.id), ...PLAN_RISK_METAS.map((m) => m.id)], project.configFile ?? 'pgvector-migrator.json');
    if (!project.configFile) io.err('No pgvector-migrator.json found: linting with the default settings.');
    const asked = resolveLintPaths(args.positionals, io.cwd, io.readStdin ?? (() => fs.readFileSync(0, 'utf8')), args.values['stdin-filename'] as string | undefined);
    const dirs = asked.dirs.length + asked.files.length === 0 && !asked.stdin ? [project.migrationsDir] : asked.dirs;

    const cacheLocation = args.values.cache ? path.resolve(io.cwd, (args.values['cache-location'] as string | undefined) ?? path.join('.pgvector-migrator', 'lint-cache.json')) : undefined;
    const key = cacheLocation && cacheKey({
      toolVersion: toolVersion(),
      ruleIds: ALL_RULES.map((r) => r.meta.id),
      config: project.config,
      request: { dirs, files: asked.files, stdin: asked.stdin?.file, format, quiet: args.values.quiet === true, cwd: io.cwd },
      files: [...dirs, ...new Set(asked.files.map((f) => path.dirname(f)))].flatMap(sqlFilesOf).concat(asked.stdin ? [asked.stdin] : []),
    });
    let result = cacheLocation && key ? readCache(cacheLocation, key) : undefined;
    if (!result) {
      const run = await lintTargets(project, io, dirs, asked.files, asked.stdin);
      const shown = args.values.quiet ? run.findings.filter((f) => f.severity === 'error') : run.findings;
      result = {
        key: key ?? '',
        output: render(format, shown, run.fileCount, io.cwd),
        errors: shown.filter((f) => f.severity === 'error').length,
        warnings: shown.filter((f) => f.severity === 'warning').length,
      };
      if (cacheLocation && key) writeCache(cacheLocation, result);
    }
    if (result.output !== '') io.out(result.output);
    const { errors, warnings } = result;
    if (maxWarnings !== undefined && warnings > maxWarnings) {
      io.err(`${warnings} warning${warnings === 1 ? '' : 's'} found, more than --max-warnings ${maxWarnings} allows.`);
      return EXIT_FAILED;
    }
    return errors > 0 ? EXIT_FAILED : EXIT_OK;
  },
};

async function lintTargets(
  project: LoadedConfig, io: CliIo, dirs: string[], files: string[], stdin: { file: string; text: string } | undefined,
): Promise<{ findings: Finding[]; fileCount: number }> {
  const config = project.config;
  await ensureParser();
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    // A directory must hold migrations its layout reads: linting nothing is never "no problems".
    const set = loadProjectMigrations(project, dir);
    requireMigrations(project, set, io);
    const parsed = parseMigrationSet(set, undefined, lintLimitsFor(config));
    for (const f of lintParsedSet(parsed, config, ALL_RULES)) findings.push(f);
    if (path.resolve(dir) === path.resolve(project.migrationsDir)) warnUnmatchedGlobs(project, io, parsed);
    for (const f of [...set.migrations.flatMap((m) => m.files), ...set.problems.map((p) => p.file)]) seen.add(f);
  }
  const byDir = new Map<string, string[]>();
  for (const f of files) if (!seen.has(f)) byDir.set(path.dirname(f), [...(byDir.get(path.dirname(f)) ?? []), f]);
  for (const [dir, wanted] of byDir) {
    const set = loadProjectMigrations(project, dir);
    const placed = new Set(set.migrations.flatMap((m) => m.files));
    const inSet = new Set(wanted.filter((f) => placed.has(f)));
    if (inSet.size > 0) for (const f of lintMigrationSet(set, config)) if (inSet.has(f.file)) findings.push(f);
    // A file the layout does not place (schema.sql, seed.sql, a script) is checked on its own.
    for (const f of wanted) {
      seen.add(f);
      if (!inSet.has(f)) findings.push(...lintMigrationSet(standaloneMigrationSet(f, readText(f)), config));
    }
  }
  if (stdin) {
    seen.add(stdin.file);
    findings.push(...lintMigrationSet(standaloneMigrationSet(stdin.file, stdin.text), config));
  }
  return { findings, fileCount: seen.size };
}

function render(format: string, findings: Finding[], fileCount: number, cwd: string): string {
  if (format === 'json') return JSON.stringify(toJsonFindings(findings, cwd), null, 2);
  if (format === 'sarif') return JSON.stringify(toSarif(findings, ALL_RULES.map((r) => r.meta), cwd), null, 2);
  if (format === 'github') return toGithubAnnotations(findings, cwd);
  return formatText(findings, new Map(ALL_RULES.map((r) => [r.meta.id, r.meta])), cwd, fileCount);
}

function maxWarningsOption(args: ParsedArgs): number | undefined {
  const raw = args.values['max-warnings'] as string | undefined;
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--max-warnings must be a whole number (got "${raw}")`, { fix: 'pass the number of warnings to allow, e.g. --max-warnings 0' });
  return Number(raw);
}

/** An `embeddings` glob that claims no column is most likely a typo: say so, naming the config. */
function warnUnmatchedGlobs(project: LoadedConfig, io: CliIo, parsed: ReturnType<typeof parseMigrationSet>): void {
  const configName = project.configFile ? path.relative(io.cwd, project.configFile) || 'pgvector-migrator.json' : 'pgvector-migrator.json';
  for (const g of unmatchedModelGlobs(parsed, project.config)) io.err(unmatchedGlobWarning(g, configName));
}

function readText(file: string): string {
  return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}
