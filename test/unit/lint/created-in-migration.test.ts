// A table created earlier in the same migration is empty and unseen by other sessions: no lock or
// scan rule has anything to say about what the migration then does to it, however the table is
// named (quoted, schema-qualified or not), in whichever transaction block, in every layout.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DEFAULT_CONFIG } from '../../../src/core/config/config';
import { ensureParser, lintMigrationSet } from '../../../src/core/lint/engine';
import { ALL_RULES } from '../../../src/core/lint/rules';
import { withMigrationSet } from './temp-migrations';

const LOCK_AND_SCAN_RULES = [
  'constraint-without-not-valid', 'set-not-null', 'add-unique-constraint-without-index', 'add-primary-key-to-existing-table',
  'index-without-concurrently', 'add-column-volatile-default', 'add-not-null-column-without-default', 'column-type-change',
  'rename-column', 'drop-column', 'lock-timeout-missing', 'drop-index-without-concurrently', 'ivfflat-before-data',
];

const LATER = `alter table "public"."Docs" add constraint docs_title_check check (title <> '');
alter table only "Docs" add constraint docs_title_key unique (title);
alter table if exists "Docs" alter column title set not null;
ALTER TABLE "Docs" ADD COLUMN created timestamptz NOT NULL DEFAULT clock_timestamp(), ADD COLUMN k int NOT NULL;
alter table "Docs" alter column n type bigint;
alter table "Docs" rename column n to m;
alter table "Docs" drop column m;
create index docs_title_idx on "Docs" (title);
drop index docs_title_idx;
create index on public."Docs" using hnsw (e vector_cosine_ops);
ALTER TABLE "Docs" ADD CONSTRAINT docs_self_fk FOREIGN KEY (id) REFERENCES "Docs" (id);
alter table plain_docs add primary key (id), add constraint plain_docs_fk foreign key (id) references "Docs" (id);`;
const CREATE = 'create extension if not exists vector;\ncreate table if not exists public."Docs" (id bigint, title text, n int, e vector(3));\ncreate table plain_docs (id bigint not null);';

const layouts: { name: string; files: Record<string, string> }[] = [
  { name: 'one plain file', files: { '0001_init.sql': `${CREATE}\n${LATER}` } },
  { name: 'separate transaction blocks', files: { '0001_init.sql': `-- UP Migration\nBEGIN;\n${CREATE}\nCOMMIT;\nBEGIN;\n${LATER}\nCOMMIT;\n-- DOWN Migration\nDROP TABLE "Docs", plain_docs;` } },
  { name: "drizzle's statement breakpoints", files: { '0000_init.sql': `${CREATE.split('\n').join('\n--> statement-breakpoint\n')}\n--> statement-breakpoint\n${LATER}` } },
  { name: 'a golang-migrate pair', files: { '000001_init.up.sql': `${CREATE}\n${LATER}`, '000001_init.down.sql': 'DROP TABLE "Docs", plain_docs;' } },
];

describe('a table created earlier in the same migration', () => {
  before(() => ensureParser());
  for (const l of layouts) {
    it(`draws no lock or scan finding in ${l.name}`, () => {
      const rules = ALL_RULES.filter((r) => LOCK_AND_SCAN_RULES.includes(r.meta.id));
      assert.equal(rules.length, LOCK_AND_SCAN_RULES.length);
      const findings = withMigrationSet(l.files, (set) => lintMigrationSet(set, { ...DEFAULT_CONFIG, extra: {} }, { rules }));
      assert.deepEqual(findings.map((f) => `${path.basename(f.file)}:${f.line} ${f.rule}: ${f.message}`), []);
    });
  }
  it('still draws them for the same statements on a table of an earlier migration', () => {
    const rules = ALL_RULES.filter((r) => LOCK_AND_SCAN_RULES.includes(r.meta.id));
    const findings = withMigrationSet({ '0001_init.sql': CREATE, '0002_later.sql': LATER }, (set) => lintMigrationSet(set, { ...DEFAULT_CONFIG, extra: {} }, { rules }));
    assert.ok(new Set(findings.map((f) => f.rule)).size >= 8, [...new Set(findings.map((f) => f.rule))].join(', '));
  });
});
