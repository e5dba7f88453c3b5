// Reads and checks pgvector-migrator.json. Every key is optional; an unknown key or a wrong type
// is a ConfigError that names the key, so a typo never silently falls back to a default.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../errors';
import { findMigrationFolders, findRepositoryRoot, isDirectory, projectDirOf, searchedPlaces } from './locate';
import { defaultEmbedding, DISTANCES, EMBEDDING_TYPES, EmbeddingModel, EmbeddingSettings, EmbeddingType } from './embedding';

export const CONFIG_FILE_NAME = 'pgvector-migrator.json';

export type Severity = 'off' | 'info' | 'warning' | 'error';
export type { Distance, EmbeddingModel, EmbeddingSettings, EmbeddingType } from './embedding';
export type LayoutId = 'auto' | 'default' | 'dbmate' | 'golang-migrate' | 'flyway' | 'plain' | 'goose' | 'prisma' | 'drizzle' | 'supabase' | 'sqitch';

export interface RuleSetting {
  severity: Severity;
  options?: Record<string, unknown>;
}

export interface ProjectConfig {
  migrationsDir: string;
  layout: LayoutId;
  /** Globs, relative to the config file, of .sql files that are not migrations. */
  ignore: string[];
  /** What the platform provides, prepared on the embedded and scratch databases: a SQL file or extension names. */
  setup?: string | string[];
  architectureSpec: string;
  postgresVersion: number;
  pgvectorVersion: string;
  /** See embedding.ts: dimensions only when declared, the distance defaults to cosine. */
  embedding: EmbeddingSettings;
  /** Named models, in the order declared; empty without `embeddings`. Resolve columns with embedding-models.ts. */
  embeddings: EmbeddingModel[];
  /** Derived, not a key: the model that stands for columns no model claims (the first of `embeddings` unless `embedding` is given). */
  defaultModel?: string;
  historyTable: string;
  /** Applied as `SET lock_timeout` for each migration; '0' disables it. */
  lockTimeout: string;
  /** Applied as `SET statement_timeout` for each migration when set. */
  statementTimeout?: string;
  /** How long a second applier waits for the advisory lock, and a command for the embedded database another process uses, before giving up ("0": no bound). */
  advisoryLockTimeout: string;
  /** Connect timeout, and how long a statement may go unanswered before the client checks the server is still at it. */
  networkTimeout: string;
  rules: Record<string, RuleSetting>;
  /** Keys that other modules declare (validate's relationships, ...), kept as read. */
  extra: Record<string, unknown>;
}

export const DEFAULT_CONFIG: Readonly<ProjectConfig> = Object.freeze<ProjectConfig>({
  migrationsDir: 'db/migrations',
  layout: 'auto',
  ignore: [],
  setup: undefined,
  architectureSpec: 'docs/ARCHITECTURE_V2.md',
  postgresVersion: 16,
  pgvectorVersion: '0.8.0',
  embedding: defaultEmbedding(),
  embeddings: [],
  historyTable: 'public.pgvector_migrator_history',
  lockTimeout: '5s',
  statementTimeout: undefined,
  advisoryLockTimeout: '60s',
  networkTimeout: '30s',
  rules: {},
  extra: {},
});

const LAYOUTS: LayoutId[] = ['auto', 'default', 'dbmate', 'golang-migrate', 'flyway', 'plain', 'goose', 'prisma', 'drizzle', 'supabase', 'sqitch'];
const SEVERITIES: Severity[] = ['off', 'info', 'warning', 'error'];
const DURATION = /^\s*\d+(\.\d+)?\s*(us|ms|s|min|h|d)?\s*$/;
const QUALIFIED_NAME = /^([A-Za-z_][A-Za-z0-9_$]*\.)?[A-Za-z_][A-Za-z0-9_$]*$/;

/** Keys owned by other modules (validate, schema checks); they register their own checks here. */
const extraKeyCheckers = new Map<string, (value: unknown, where: string) => void>();

/**
 * Keys whose owner module may not be loaded in every program (validate's data rules): accepted
 * as they are, and checked by their owner when it is loaded, so `status` never calls them unknown.
 */
const MODULE_KEYS: ReadonlySet<string> = new Set(['relationships', 'required', 'unique', 'validate']);
/** The keys other modules own, for the JSON schema's test. */
export function moduleConfigKeys(): string[] {
  return [...MODULE_KEYS];
}

export function registerConfigKey(key: string, check: (value: unknown, where: string) => void): void {
  extraKeyCheckers.set(key, check);
}

export interface LoadedConfig {
  /** Absolute folder that holds the config file (or stands in for it). */
  projectDir: string;
  /** Absolute path of the config file, when there is one. */
  configFile?: string;
  config: ProjectConfig;
  /** Absolute migrations directory. */
  migrationsDir: string;
  /** Without a config file: whether a usual place held migrations, and the places looked at. */
  located?: { found: boolean; searched: string };
}

/** Walks up from `startDir` (to `stopDir`, when given) to the nearest folder holding pgvector-migrator.json. */
export function findConfigFile(startDir: string, stopDir?: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir || dir === stopDir) return undefined;
    dir = parent;
  }
}

/**
 * Resolves the project for a command. `dir` (the CLI's --dir) may be the project folder (with or
 * without a config file) or the migrations folder itself; without it, the nearest config above cwd.
 * With no config, the migrations are looked for in the usual places of each tool, and the project
 * folder (where the embedded database lives) is the repository root: one place, whatever `dir` is.
 */
export function loadProject(dir: string | undefined, cwd: string = process.cwd()): LoadedConfig {
  if (dir !== undefined) {
    const abs = path.resolve(cwd, dir);
    if (!isDirectory(abs)) {
      throw new ConfigError(`--dir ${dir} is not a directory`, { fix: 'pass the folder that holds pgvector-migrator.json or the migrations' });
    }
    const configFile = path.join(abs, CONFIG_FILE_NAME);
    if (fs.existsSync(configFile)) return loadConfigFile(configFile);
    // A config above the folder (within the repository) still holds the project's settings.
    const above = findConfigFile(abs, findRepositoryRoot(abs));
    if (above) {
      const loaded = loadConfigFile(above);
      return isInside(loaded.migrationsDir, abs) ? loaded : { ...loaded, migrationsDir: abs };
    }
    const found = findMigrationFolders(abs);
    if (found.length === 0) {
      const defaults = path.join(abs, DEFAULT_CONFIG.migrationsDir);
      if (isDirectory(defaults)) return withDefaults(findRepositoryRoot(abs) ?? abs, defaults, { found: true, searched: searchedPlaces() });
      return withDefaults(projectDirOf(abs), abs, { found: true, searched: searchedPlaces() });
    }
    return locatedProject(findRepositoryRoot(abs) ?? abs, found);
  }
  const configFile = findConfigFile(cwd);
  if (configFile) return loadConfigFile(configFile);
  const start = path.resolve(cwd);
  const root = findRepositoryRoot(start) ?? start;
  const found = findMigrationFolders(start);
  return locatedProject(root, found.length > 0 || root === start ? found : findMigrationFolders(root));
}

function locatedProject(projectDir: string, found: string[]): LoadedConfig {
  if (found.length > 1) {
    const rel = found.map((f) => path.relative(projectDir, f) || '.');
    throw new ConfigError(`found migrations in ${found.length} places: ${rel.join(' and ')}; which one is this project's?`, {
      fix: `pass --dir ${rel[0]} (or another), or write a pgvector-migrator.json with "migrationsDir": "${rel[0]}"`,
    });
  }
  const searched = searchedPlaces();
  if (found.length === 0) return withDefaults(projectDir, path.resolve(projectDir, DEFAULT_CONFIG.migrationsDir), { found: false, searched });
  return withDefaults(projectDir, found[0], { found: true, searched });
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function withDefaults(projectDir: string, migrationsDir: string, located: LoadedConfig['located']): LoadedConfig {
  return { projectDir, config: cloneDefaults(), migrationsDir, located };
}

function cloneDefaults(): ProjectConfig {
  return { ...DEFAULT_CONFIG, embedding: { ...DEFAULT_CONFIG.embedding }, embeddings: [], ignore: [], rules: {}, extra: {} };
}

export function loadConfigFile(configFile: string): LoadedConfig {
  const text = fs.readFileSync(configFile, 'utf8');
  const config = parseConfig(text, configFile);
  const projectDir = path.dirname(configFile);
  return { projectDir, configFile, config, migrationsDir: path.resolve(projectDir, config.migrationsDir) };
}

/** Parses and checks the JSON text of a config file; `where` names the file in errors. */
export function parseConfig(text: string, where: string): ProjectConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${where} is not valid JSON: ${(err as Error).message}`, { location: { file: where }, fix: 'fix the JSON syntax' });
  }
  if (!isPlainObject(raw)) throw new ConfigError(`${where} must hold a JSON object`, { location: { file: where } });
  const config = cloneDefaults();
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$schema') continue;
    const checker = KEY_READERS[key];
    if (checker) {
      checker(config, value, `${where}: "${key}"`);
      continue;
    }
    const extra = extraKeyCheckers.get(key);
    if (extra || MODULE_KEYS.has(key)) {
      extra?.(value, `${where}: "${key}"`);
      config.extra[key] = value;
      continue;
    }
    throw new ConfigError(`${where}: unknown key "${key}"`, {
      location: { file: where },
      fix: `remove it or use one of: ${[...new Set([...Object.keys(KEY_READERS), ...MODULE_KEYS, ...extraKeyCheckers.keys()])].join(', ')}`,
    });
  }
  if (config.embeddings.length > 0 && !('embedding' in raw)) {
    // Without `embedding`, the first named model stands for the columns no model claims.
    const first = config.embeddings[0];
    config.defaultModel = first.name;
    config.embedding = { dimensions: first.dimensions, distance: first.distance };
  }
  return config;
}

type KeyReader = (config: ProjectConfig, value: unknown, where: string) => void;

const KEY_READERS: Record<string, KeyReader> = {
  migrationsDir: (c, v, w) => { c.migrationsDir = expectString(v, w); },
  layout: (c, v, w) => { c.layout = expectOneOf(v, LAYOUTS, w); },
  ignore: (c, v, w) => {
    if (!Array.isArray(v)) throw new ConfigError(`${w} must be a list of globs such as ["db/migrations/local_*.sql"] (got ${describe(v)})`);
    c.ignore = v.map((g, i) => expectString(g, `${w}[${i}]`));
  },
  setup: (c, v, w) => {
    if (typeof v === 'string') c.setup = v;
    else if (Array.isArray(v)) c.setup = v.map((e, i) => expectString(e, `${w}[${i}]`));
    else throw new ConfigError(`${w} must be a SQL file such as "db/setup.sql" or a list of extensions such as ["citext"] (got ${describe(v)})`);
  },
  architectureSpec: (c, v, w) => { c.architectureSpec = expectString(v, w); },
  postgresVersion: (c, v, w) => {
    const n = expectNumber(v, w);
    if (!Number.isInteger(n) || n < 10 || n > 99) throw new ConfigError(`${w} must be a major version such as 16 (got ${n})`);
    c.postgresVersion = n;
  },
  pgvectorVersion: (c, v, w) => {
    const s = expectString(v, w);
    if (!/^\d+\.\d+(\.\d+)?$/.test(s)) throw new ConfigError(`${w} must look like "0.8.0" (got "${s}")`);
    c.pgvectorVersion = s;
  },
  embedding: (c, v, w) => { c.embedding = readEmbedding(v, w); },
  embeddings: (c, v, w) => { c.embeddings = readEmbeddings(v, w); },
  historyTable: (c, v, w) => {
    const s = expectString(v, w);
    if (!QUALIFIED_NAME.test(s)) throw new ConfigError(`${w} must be a table name such as public.pgvector_migrator_history (got "${s}")`);
    c.historyTable = s;
  },
  lockTimeout: (c, v, w) => { c.lockTimeout = expectDuration(v, w); },
  statementTimeout: (c, v, w) => { c.statementTimeout = expectDuration(v, w); },
  advisoryLockTimeout: (c, v, w) => { c.advisoryLockTimeout = expectDuration(v, w); },
  networkTimeout: (c, v, w) => { c.networkTimeout = expectDuration(v, w); },
  rules: (c, v, w) => { c.rules = readRules(v, w); },
};

/** Most dimensions a column of each type holds (pgvector's VECTOR_MAX_DIM, HALFVEC_MAX_DIM, SPARSEVEC_MAX_DIM; bit's length). */
const MAX_DIMENSIONS: Record<EmbeddingType, number> = { vector: 16000, halfvec: 16000, sparsevec: 1000000000, bit: 83886080 };

function readEmbedding(v: unknown, w: string, maxDimensions = MAX_DIMENSIONS.vector): ProjectConfig['embedding'] {
  if (!isPlainObject(v)) throw new ConfigError(`${w} must be an object like { "dimensions": 1536, "distance": "cosine" }`);
  const out: EmbeddingSettings = { ...DEFAULT_CONFIG.embedding };
  for (const [key, value] of Object.entries(v)) {
    if (key === 'dimensions') {
      const n = expectNumber(value, `${w}.dimensions`);
      if (!Number.isInteger(n) || n < 1 || n > maxDimensions) throw new ConfigError(`${w}.dimensions must be an integer from 1 to ${maxDimensions} (got ${n})`);
      out.dimensions = n;
    } else if (key === 'distance') {
      out.distance = expectOneOf(value, DISTANCES, `${w}.distance`);
    } else {
      throw new ConfigError(`${w}: unknown key "${key}"`, { fix: w.includes('"embeddings"') ? 'use "dimensions", "distance", "type" and "columns"' : 'use "dimensions" and "distance"' });
    }
  }
  return out;
}

function readEmbeddings(v: unknown, w: string): EmbeddingModel[] {
  const example = '{ "minilm": { "dimensions": 384, "distance": "cosine", "columns": ["*.local_embedding"] } }';
  if (!isPlainObject(v)) throw new ConfigError(`${w} must be an object of named models like ${example}`);
  return Object.entries(v).map(([name, model]) => readEmbeddingModel(name, model, `${w}.${name}`));
}

function readEmbeddingModel(name: string, v: unknown, w: string): EmbeddingModel {
  if (!isPlainObject(v)) throw new ConfigError(`${w} must be an object like { "dimensions": 384, "distance": "cosine", "columns": ["*.local_embedding"] }`);
  const { type, columns, ...settings } = v;
  const vectorType = type === undefined ? 'vector' : expectOneOf(type, EMBEDDING_TYPES, `${w}.type`);
  const out: EmbeddingModel = { name, ...readEmbedding(settings, w, MAX_DIMENSIONS[vectorType]), type: vectorType, columns: [] };
  if (columns !== undefined) {
    if (!Array.isArray(columns)) throw new ConfigError(`${w}.columns must be an array of "table.column" globs such as ["*.embedding"]`);
    out.columns = columns.map((g, i) => {
      const glob = expectString(g, `${w}.columns[${i}]`);
      if (!/^[^.\s]+\.[^.\s]+(\.[^.\s]+)?$/.test(glob)) {
        throw new ConfigError(`${w}.columns[${i}] must be "table.column" or "schema.table.column", * and ? allowed (got "${glob}")`);
      }
      return glob;
    });
  }
  return out;
}

function readRules(v: unknown, w: string): Record<string, RuleSetting> {
  if (!isPlainObject(v)) throw new ConfigError(`${w} must be an object mapping rule ids to "off", "info", "warning" or "error"`);
  const out: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(v)) {
    if (typeof setting === 'string') {
      out[id] = { severity: expectOneOf(setting, SEVERITIES, `${w}.${id}`) };
    } else if (Array.isArray(setting) && setting.length === 2 && isPlainObject(setting[1])) {
      out[id] = { severity: expectOneOf(setting[0], SEVERITIES, `${w}.${id}[0]`), options: setting[1] };
    } else {
      throw new ConfigError(`${w}.${id} must be "off", "info", "warning" or "error", or [severity, { options }]`);
    }
  }
  return out;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  return Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v;
}

export function expectString(v: unknown, w: string): string {
  if (typeof v !== 'string') throw new ConfigError(`${w} must be a string (got ${describe(v)})`);
  return v;
}

export function expectNumber(v: unknown, w: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ConfigError(`${w} must be a number (got ${describe(v)})`);
  return v;
}

function expectOneOf<T extends string>(v: unknown, allowed: readonly T[], w: string): T {
  if (typeof v !== 'string' || !allowed.includes(v as T)) {
    throw new ConfigError(`${w} must be one of ${allowed.map((a) => `"${a}"`).join(', ')} (got ${JSON.stringify(v)})`);
  }
  return v as T;
}

function expectDuration(v: unknown, w: string): string {
  const s = typeof v === 'number' ? `${v}ms` : expectString(v, w);
  if (!DURATION.test(s)) throw new ConfigError(`${w} must be a duration such as "5s", "500ms" or "2min" (got "${s}")`);
  return s.trim();
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, min: 60000, h: 3600000, d: 86400000 };

/** Milliseconds of a duration string as PostgreSQL reads it (a bare number means milliseconds). */
export function durationToMs(duration: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*$/.exec(duration);
  if (!m) throw new ConfigError(`"${duration}" is not a duration`);
  return Number(m[1]) * UNIT_MS[m[2] ?? 'ms'];
}
