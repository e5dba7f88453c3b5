// Plans of SQL written inline: one plain-layout migration holding the setup and the statement.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadMigrationSet } from '../../src/core/migrations/discover';
import { parseMigrationSet } from '../../src/core/lint/parse-set';
import { classifyUpStatements } from '../../src/core/plan/classify';
import type { StatementLocks } from '../../src/core/plan/statement-locks';

/** The lock targets of `sql` (one statement) after `setup` ran earlier in the set. */
export function classifySql(setup: string, sql: string): StatementLocks {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-plan-'));
  try {
    fs.writeFileSync(path.join(dir, '0001_setup.sql'), `SELECT 1;\n${setup}\n`);
    fs.writeFileSync(path.join(dir, '0002_statement.sql'), `${sql};\n`);
    const parsed = parseMigrationSet(loadMigrationSet(dir, 'plain'));
    const classified = classifyUpStatements(parsed.migrations);
    return classified.get(parsed.migrations[1].up.statements[0])!;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
