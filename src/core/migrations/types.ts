// The migration model every other module reads: files -> migrations with UP/DOWN sections.
import type { LayoutId } from '../config/config';

export type Direction = 'up' | 'down';

export interface HeaderField {
  value: string;
  /** 1-based line of the field in its file. */
  line: number;
}

export interface MigrationHeader {
  /** Fields by lower-cased key: migration, description, dependencies, author, date, ... */
  fields: Record<string, HeaderField>;
  dependencies: string[];
  /** Character range of the header comment block (empty when there is none). */
  start: number;
  end: number;
}

export interface Section {
  direction: Direction;
  /** Absolute path of the file that holds this section. */
  file: string;
  /** The whole text of that file (offsets below index into it). */
  fileText: string;
  start: number;
  end: number;
  /** 1-based line of the UP/DOWN marker, when the layout uses markers. */
  markerLine?: number;
  /** dbmate's `transaction:false`: the file asks to run outside a transaction. */
  noTransaction?: boolean;
}

export interface Migration {
  /** The version as written in the file name, e.g. "0003" or "20260105120000" or "1.2". */
  version: string;
  /** Numeric parts for ordering ("0003" -> [3], "1.2" -> [1, 2]); empty for a named version (sqitch). */
  versionParts: number[];
  /** The descriptive part of the file name, e.g. "create_chunks". */
  name: string;
  layout: Exclude<LayoutId, 'auto'>;
  /** Absolute paths of the files that make up this migration (UP file first). */
  files: string[];
  up: Section;
  /** Undefined when the migration has no DOWN (plain UP-only files, Flyway without U file). */
  down?: Section;
  /** A script that checks the applied migration (sqitch's verify/), when the layout has one. */
  verify?: Section;
  header: MigrationHeader;
  /** sha256 of the UP section's statements (see checksum.ts): "changed after apply" compares this. */
  checksum: string;
  /** The checksum earlier releases recorded for the same UP section, accepted and upgraded on the next run. */
  legacyChecksum?: string;
}

export type ProblemKind = 'unplaceable' | 'unlisted' | 'missing-script' | 'duplicate-version' | 'unreadable' | 'binary' | 'empty' | 'orphan-down';

/** Problems about files that are not migrations: reported, skipped, never a reason to refuse a run. */
export const SKIPPED_FILE_PROBLEMS: ReadonlySet<ProblemKind> = new Set(['unplaceable', 'unlisted']);

export interface DiscoveryProblem {
  kind: ProblemKind;
  /** Absolute path of the file concerned. */
  file: string;
  line?: number;
  message: string;
  fix?: string;
}

export interface MigrationSet {
  /** Absolute migrations directory. */
  dir: string;
  layout: Exclude<LayoutId, 'auto'>;
  /** In apply order: by version, then file name, or the layout's own order (journal, plan). */
  migrations: Migration[];
  problems: DiscoveryProblem[];
}

export function sectionText(section: Section): string {
  return section.fileText.slice(section.start, section.end);
}
