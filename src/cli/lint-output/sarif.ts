// `lint --format sarif`: SARIF 2.1.0, what GitHub code scanning and other review UIs read.
// File locations are relative to %SRCROOT% (the working directory), rules carry their metadata.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, RuleMeta } from '../../core/lint/types';
import { relativePath } from './json';

const LEVEL: Record<Finding['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function toSarif(findings: readonly Finding[], rules: readonly RuleMeta[], cwd: string): object {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const pkg = packageInfo();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'pgvector-migrator',
          version: pkg.version,
          informationUri: pkg.homepage,
          rules: rules.map((r) => ({
            id: r.id,
            name: r.id,
            shortDescription: { text: r.description },
            fullDescription: { text: r.rationale },
            help: { text: r.rationale, markdown: `${r.rationale}\n\nSee ${r.docs}.` },
            helpUri: docsUri(r, pkg),
            defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
            properties: { checklistItem: r.checklistItem, fixable: r.fixable, tags: ['postgresql', 'migrations', `checklist-${r.checklistItem}`] },
          })),
        },
      },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
      results: findings.map((f) => ({
        ruleId: f.rule,
        ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
        level: LEVEL[f.severity],
        message: { text: f.help ? `${f.message}\nhelp: ${f.help}` : f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: encodeURI(relativePath(cwd, f.file)), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        }],
      })),
    }],
  };
}

interface PackageInfo {
  version: string;
  homepage?: string;
  /** Folder of the installed package (docs/ lives there when it is shipped). */
  dir?: string;
}

function packageInfo(): PackageInfo {
  // Walk up from this file: the same code runs from out/src/cli/... and from a dist/ bundle.
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string; homepage?: string };
        if (pkg.name === 'pgvector-migrator') return { version: pkg.version ?? '0.0.0', homepage: pkg.homepage, dir };
      } catch {
        // not ours; keep walking
      }
    }
    dir = path.dirname(dir);
  }
  return { version: '0.0.0' };
}

/** The rule's docs page: on the project's homepage when package.json names one, else the shipped file. */
function docsUri(rule: RuleMeta, pkg: PackageInfo): string {
  if (pkg.homepage) return `${pkg.homepage.replace(/\/$/, '')}/blob/main/${rule.docs}`;
  if (pkg.dir) return pathToFileURL(path.join(pkg.dir, rule.docs)).href;
  return rule.docs;
}
