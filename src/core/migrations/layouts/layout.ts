// One interface for every migration layout, so that goose, Prisma or sqitch are one file more.

export interface FileMatch {
  version: string;
  name: string;
  /**
   * 'single' holds both directions; 'up'/'down' are halves of a pair of files; 'verify' is a
   * script that checks an applied migration (sqitch's verify/).
   */
  role: 'single' | 'up' | 'down' | 'verify';
}

export interface SectionRange {
  start: number;
  end: number;
  /** 1-based line of the marker that opened the section. */
  markerLine?: number;
}

export interface SectionRanges {
  up: SectionRange;
  down?: SectionRange;
  noTransaction?: boolean;
}

export type LayoutName = 'default' | 'dbmate' | 'golang-migrate' | 'flyway' | 'plain' | 'goose' | 'prisma' | 'drizzle' | 'supabase' | 'sqitch';

/** What a layout sees of a migrations folder: its .sql files, with paths relative to the folder. */
export interface LayoutFile {
  /** Relative path with `/` separators: `0001_a.sql`, `20240101000000_init/migration.sql`, `deploy/users.sql`. */
  name: string;
  text: string;
}

/** The order a layout keeps outside its file names (drizzle's journal, sqitch's plan). */
export interface LayoutOrder {
  /** Versions in the order they apply. */
  versions: string[];
  /** The file that holds the order, for messages about files it does not list. */
  source: string;
}

/**
 * How the layout's own tooling names files, beyond what matchFile places: what
 * file-name-convention holds names to. A layout whose tools accept any name declares none.
 */
export interface NameConvention {
  /** What the descriptive part must look like ("snake_case"), and the name to suggest instead. */
  name?: { pattern: RegExp; description: string; suggest(name: string): string };
  /** Whether short sequential versions must share one width (0001 ... 0010, never 3 beside 0004). */
  uniformVersionWidth: boolean;
}

export interface Layout {
  id: LayoutName;
  /** A short description used in errors: what a file name must look like. */
  expectedName: string;
  /** The names the layout expects of the files it places (see NameConvention). */
  nameConvention: NameConvention;
  /** Places a file by its relative path alone, or returns undefined when it is not this layout's. */
  matchFile(fileName: string): FileMatch | undefined;
  /**
   * Whether a folder's files look like this layout; used by `layout: auto`. `dir` is the folder,
   * for layouts recognised by a file beside the migrations (a journal, a plan, a lock file).
   */
  detect(files: LayoutFile[], dir: string): boolean;
  /** Finds the sections of one file. For 'up'/'down' files, the whole file is that section. */
  readSections(text: string, role: FileMatch['role']): SectionRanges;
  /** The apply order when the file names do not give it; undefined to order by version. */
  readOrder?(dir: string): LayoutOrder | undefined;
}

/** Our own convention: `<version>_<snake_case_name>`. */
export const SNAKE_CASE_NAMES: NameConvention['name'] = {
  pattern: /^[a-z0-9]+(_[a-z0-9]+)*$/,
  description: 'snake_case',
  suggest: (name) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '').toLowerCase(),
};

/** Offset of the start of the line after the one containing `offset`. */
export function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

export function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Sections delimited by an UP marker and a DOWN marker (either optional) in one file. */
export function sectionsBetweenMarkers(text: string, upMarker: RegExp, downMarker: RegExp): SectionRanges {
  const up = firstMatch(text, upMarker);
  const down = firstMatch(text, downMarker);
  const upStart = up ? endOfLine(text, up.index) : 0;
  const downStart = down ? endOfLine(text, down.index) : text.length;
  if (down && down.index < upStart) {
    // DOWN written before UP: each section runs to the other marker or the end.
    return {
      up: { start: upStart, end: text.length, markerLine: up ? lineNumberAt(text, up.index) : undefined },
      down: { start: downStart, end: up ? up.index : text.length, markerLine: lineNumberAt(text, down.index) },
    };
  }
  return {
    up: { start: upStart, end: down ? down.index : text.length, markerLine: up ? lineNumberAt(text, up.index) : undefined },
    down: down ? { start: downStart, end: text.length, markerLine: lineNumberAt(text, down.index) } : undefined,
  };
}

function firstMatch(text: string, re: RegExp): { index: number; text: string } | undefined {
  const m = new RegExp(re.source, re.flags.includes('m') ? re.flags : re.flags + 'm').exec(text);
  return m ? { index: m.index, text: m[0] } : undefined;
}
