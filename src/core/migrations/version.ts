// Versions: numbers ("0003"), timestamps ("20260105120000"), dotted (Flyway's "1.2", "1_2"), or
// names (sqitch's changes, "add_users"), which have no numeric parts: their order is the plan's.
// One notion of identity for every module (discovery, history, status, lint, the runner):
// versions equal as numbers are the same version, however they are padded or dotted; a name is
// the same version only as itself.

const NUMERIC_VERSION = /^\d+(?:[._]\d+)*$/;

export function isNumericVersion(version: string): boolean {
  return NUMERIC_VERSION.test(version);
}

/** Numeric parts for ordering; empty for a named version. */
export function versionParts(version: string): number[] {
  if (!isNumericVersion(version)) return [];
  return version.split(/[._]/).filter((p) => p !== '').map((p) => Number(p));
}

export function compareVersionParts(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** Numbers by value; a named version after every number, names by text (their real order is the plan's). */
export function compareVersions(a: string, b: string): number {
  const numericA = isNumericVersion(a);
  const numericB = isNumericVersion(b);
  if (numericA && numericB) return compareVersionParts(versionParts(a), versionParts(b));
  if (numericA !== numericB) return numericA ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * "0", "0000" and "0.0" are one version, and so are "3", "0003" and "3.0": the key that says so.
 * Trailing zero parts go, as compareVersions ignores them. A name is its own key.
 */
export function versionKey(version: string): string {
  if (!isNumericVersion(version)) return version;
  const parts = versionParts(version);
  while (parts.length > 1 && parts[parts.length - 1] === 0) parts.pop();
  return parts.join('.');
}

export function sameVersion(a: string, b: string): boolean {
  return versionKey(a) === versionKey(b);
}
