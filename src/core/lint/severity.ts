// A rule's effective severity and options: the config's `rules` map wins over the rule's default.
import type { ProjectConfig, Severity } from '../config/config';
import type { RuleMeta } from './types';
import { ConfigError } from '../errors';

export function effectiveSeverity(meta: RuleMeta, config: ProjectConfig): Severity {
  return config.rules[meta.id]?.severity ?? meta.defaultSeverity;
}

export function ruleOptions(meta: RuleMeta, config: ProjectConfig): Record<string, unknown> {
  return config.rules[meta.id]?.options ?? {};
}

/**
 * A rule id in the config's `rules` map that no rule has is a typo that would silently do
 * nothing: refuse it, naming the closest id.
 */
export function assertKnownRuleIds(config: ProjectConfig, knownIds: readonly string[], where: string): void {
  for (const id of Object.keys(config.rules)) {
    if (knownIds.includes(id)) continue;
    const closest = [...knownIds].sort((a, b) => editDistance(id, a) - editDistance(id, b))[0];
    throw new ConfigError(`${where}: "rules" names an unknown rule "${id}"`, {
      fix: closest && editDistance(id, closest) <= 3 ? `did you mean "${closest}"?` : 'see docs/rules/README.md for the rule ids',
    });
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
