// The checks of schema truth, described like lint rules so that their findings join lint's:
// same Finding shape, same severities from the config's `rules` map, same docs pages.
import type { ProjectConfig } from '../config/config';
import type { Finding, FindingSeverity, RuleMeta } from '../lint/types';
import { effectiveSeverity } from '../lint/severity';
import { LineIndex } from '../sql/positions';
import { splitStatements } from '../sql/split';
import { isSilenced, silencedRanges, Silenced } from '../lint/disable-comments';

/** A finding of a schema check; `detail` holds what an editor hover shows below the message. */
export interface SchemaFinding extends Finding {
  /** Several lines, e.g. the plan's main nodes of a query pattern. */
  detail?: string;
}

export const ARCHITECTURE_DRIFT: RuleMeta = {
  id: 'architecture-drift',
  checklistItem: 1,
  defaultSeverity: 'error',
  description: 'The schema the migrations build differs from the architecture spec (tables, columns, constraints, indexes, extensions).',
  rationale: 'The spec is the schema the application is written against. PostgreSQL built both in a scratch database and compared their catalogs: fix the migration, or update the spec when the change is intended.',
  docs: 'docs/rules/architecture-drift.md',
  fixable: false,
};

export const QUERY_PATTERN_UNINDEXED: RuleMeta = {
  id: 'query-pattern-unindexed',
  checklistItem: 5,
  defaultSeverity: 'warning',
  description: "A query the spec documents is planned without an index on its table, even with sequential scans disabled.",
  rationale: 'Every documented query pattern should be served by an index the migrations create; otherwise it reads the whole table in production. The plan shows what PostgreSQL would do on the migrated schema.',
  docs: 'docs/rules/query-pattern-unindexed.md',
  fixable: false,
};

export const DOWN_NOT_REVERTING: RuleMeta = {
  id: 'down-not-reverting',
  checklistItem: 3,
  defaultSeverity: 'error',
  description: 'Applying UP then DOWN in a scratch database does not give back the schema from before UP.',
  rationale: 'A DOWN that leaves objects behind makes the next UP fail with "already exists"; one that removes more than UP added destroys what earlier migrations built.',
  docs: 'docs/rules/down-not-reverting.md',
  fixable: false,
};

export const UP_NOT_RERUNNABLE: RuleMeta = {
  id: 'up-not-rerunnable',
  checklistItem: 3,
  defaultSeverity: 'error',
  description: 'After UP and DOWN, applying UP again fails in a scratch database.',
  rationale: 'Rolling back and re-applying is how a fix ships; an UP that fails the second time strands every database that rolled it back.',
  docs: 'docs/rules/up-not-rerunnable.md',
  fixable: false,
};

export const SCRATCH_APPLY_FAILED: RuleMeta = {
  id: 'scratch-apply-failed',
  checklistItem: 7,
  defaultSeverity: 'error',
  description: 'A statement of a migration (or of the architecture spec) fails when PostgreSQL runs it in a scratch database.',
  rationale: 'The statement cannot run on a database built by the migrations before it. The checks of the migrations before it still report; the ones after it are skipped.',
  docs: 'docs/schema-truth.md#scratch-apply-failed',
  fixable: false,
};

export const SCHEMA_RULES: readonly RuleMeta[] = [ARCHITECTURE_DRIFT, QUERY_PATTERN_UNINDEXED, DOWN_NOT_REVERTING, UP_NOT_RERUNNABLE, SCRATCH_APPLY_FAILED];

export interface FindingPlace {
  /** Absolute path. */
  file: string;
  /** The whole text of that file (positions are computed from it). */
  text: string;
  start: number;
  end: number;
}

/** Builds findings with positions; one LineIndex per file text. */
export class FindingMaker {
  private readonly lines = new Map<string, LineIndex>();
  private readonly silenced = new Map<string, { text: string; ranges: Silenced[] }>();

  constructor(private readonly config: ProjectConfig) {}

  severity(meta: RuleMeta): FindingSeverity | undefined {
    const s = effectiveSeverity(meta, this.config);
    return s === 'off' ? undefined : s;
  }

  make(meta: RuleMeta, place: FindingPlace, message: string, extra: { help?: string; detail?: string; severity?: FindingSeverity } = {}): SchemaFinding | undefined {
    const severity = this.severity(meta);
    if (!severity || this.isSilenced(meta.id, place)) return undefined;
    let index = this.lines.get(place.file);
    if (!index || index.text !== place.text) {
      index = new LineIndex(place.text);
      this.lines.set(place.file, index);
    }
    const start = index.positionAt(place.start);
    const end = index.positionAt(Math.max(place.start, place.end));
    const finding: SchemaFinding = {
      file: place.file, start: place.start, end: Math.max(place.start, place.end), message,
      rule: meta.id, severity: extra.severity ?? severity, checklistItem: meta.checklistItem,
      line: start.line, column: start.column, endLine: end.line, endColumn: end.column,
    };
    if (extra.help) finding.help = extra.help;
    if (extra.detail) finding.detail = extra.detail;
    return finding;
  }

  /** `-- pgvector-migrator-disable-next-line <rule>` works here as it does for lint. */
  private isSilenced(rule: string, place: FindingPlace): boolean {
    if (!place.file.toLowerCase().endsWith('.sql')) return false;
    let cached = this.silenced.get(place.file);
    if (!cached || cached.text !== place.text) {
      const { statements, trailingComments } = splitStatements(place.text);
      const comments = [...statements.flatMap((s) => s.comments), ...trailingComments];
      cached = { text: place.text, ranges: silencedRanges(place.text, comments, statements) };
      this.silenced.set(place.file, cached);
    }
    return isSilenced(cached.ranges, rule, place.start);
  }
}

export function compareSchemaFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.start - b.start || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message);
}
