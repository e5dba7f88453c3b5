// A rule's effective severity and options: the config's `rules` map wins over the rule's default.
import type { ProjectConfig, Severity } from '../config/config';
import type { RuleMeta } from './types';

export function effectiveSeverity(meta: RuleMeta, config: ProjectConfig): Severity {
  return config.rules[meta.id]?.severity ?? meta.defaultSeverity;
}

export function ruleOptions(meta: RuleMeta, config: ProjectConfig): Record<string, unknown> {
  return config.rules[meta.id]?.options ?? {};
}
