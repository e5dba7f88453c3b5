// A generated stand-in for PostgreSQL's regression SQL (nothing is fetched at run time): files of
// statements of every kind the regression suite writes — DDL, DML, functions with dollar quotes,
// BEGIN ATOMIC bodies, E'' and U&'' strings, quoted identifiers, nested comments, psql
// meta-commands, non-ASCII text and deliberate syntax errors — deterministic for a given seed.
import * as fs from 'node:fs';
import * as path from 'node:path';

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = ['int4', 'bigint', 'text', 'varchar(40)', 'numeric(10,2)', 'timestamptz', 'timestamp', 'boolean', 'jsonb', 'char(3)', 'vector(3)', 'int[]', 'uuid', 'bytea'];

/** One statement (or a few lines of psql) for table `t` of file `f`, chosen by `r`. */
function statement(r, f, n) {
  const t = `rt_${f}_${n % 7}`;
  const k = Math.floor(r() * 40);
  const col = (i) => `c${i} ${TYPES[(n + i) % TYPES.length]}${i === 0 ? ' PRIMARY KEY' : ''}`;
  switch (k) {
    case 0: return `CREATE TABLE ${t}_${n} (${Array.from({ length: 2 + (n % 5) }, (_, i) => col(i)).join(', ')});`;
    case 1: return `CREATE TABLE IF NOT EXISTS "Mixed;Case_${n}" (id serial, "semi;colon" text DEFAULT 'a;b', note text CHECK (note <> ''));`;
    case 2: return `INSERT INTO ${t} VALUES (${n}, 'row ${n}', E'tab\\there\\'s ;', now());`;
    case 3: return `INSERT INTO ${t} (c0, c1) SELECT g, 'v' || g FROM generate_series(1, ${n % 100}) g;`;
    case 4: return `SELECT a.c0, b.c1, count(*) FILTER (WHERE a.c2 > ${n}) FROM ${t} a JOIN ${t} b USING (c0) GROUP BY 1, 2 HAVING count(*) > 1 ORDER BY 1 LIMIT 10;`;
    case 5: return `UPDATE ${t} SET c1 = 'x' WHERE c0 = ${n};`;
    case 6: return `DELETE FROM ${t} WHERE c0 < ${n} RETURNING *;`;
    case 7: return `CREATE FUNCTION fn_${f}_${n}(a int, b int DEFAULT 1) RETURNS int LANGUAGE plpgsql AS $$\nDECLARE x int := 0;\nBEGIN\n  -- a comment; with a semicolon\n  x := a + b;\n  RAISE NOTICE 'x = %; done', x;\n  RETURN x;\nEND;\n$$;`;
    case 8: return `CREATE OR REPLACE FUNCTION fb_${f}_${n}() RETURNS trigger AS $body$\nBEGIN\n  NEW.c1 := $q$quoted; $$ inside$q$;\n  RETURN NEW;\nEND\n$body$ LANGUAGE plpgsql;`;
    case 9: return `CREATE FUNCTION fa_${f}_${n}(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC\n  SELECT CASE WHEN x > 0 THEN x ELSE -x END;\n  SELECT x + 1;\nEND;`;
    case 10: return `CREATE PROCEDURE pa_${f}_${n}(x int) LANGUAGE sql BEGIN ATOMIC\n  INSERT INTO ${t} VALUES (x);\n  UPDATE ${t} SET c1 = CASE x WHEN 1 THEN 'one' ELSE 'other' END;\nEND;`;
    case 11: return `-- a comment line about test ${n}; it has semicolons ; ;\nSELECT ${n} AS "answer;" /* inline; comment */, 'it''s' AS s;`;
    case 12: return `/* a block comment /* nested; */ still comment ; */\nSELECT 1 + ${n};`;
    case 13: return `\\set VERBOSITY terse\nSELECT :'VERBOSITY';`;
    case 14: return `\\d ${t}`;
    case 15: return `CREATE INDEX ${t}_i${n} ON ${t} (c1) WHERE c0 > ${n};`;
    case 16: return `CREATE UNIQUE INDEX CONCURRENTLY ${t}_u${n} ON ${t} USING btree (lower(c1));`;
    case 17: return `ALTER TABLE ${t} ADD COLUMN extra_${n} text NOT NULL DEFAULT 'x', ALTER COLUMN c1 SET DATA TYPE text;`;
    case 18: return `ALTER TABLE ${t} RENAME COLUMN c1 TO c1_${n};`;
    case 19: return `DROP TABLE IF EXISTS ${t}_${n - 1} CASCADE;`;
    case 20: return `BEGIN;\nSAVEPOINT s${n};\nSELECT * FROM ${t} FOR UPDATE;\nROLLBACK TO SAVEPOINT s${n};\nCOMMIT;`;
    case 21: return `WITH RECURSIVE q(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM q WHERE n < ${n % 50}) SELECT sum(n) FROM q;`;
    case 22: return `SELECT U&'d\\0061t\\+000061' AS u, B'1010' AS b, X'FF' AS x, 1.5e3 AS f, $1;`;
    case 23: return `SELECT 'naïve café ${n}' AS s, 'übergröße — ok' AS t, '日本語のテキスト' AS j;`;
    case 24: return `DO $do$\nBEGIN\n  PERFORM 1;\n  EXECUTE 'SELECT ' || ${n} || ';';\nEND\n$do$;`;
    case 25: return `GRANT SELECT, INSERT ON ${t} TO PUBLIC;`;
    case 26: return `CREATE VIEW v_${f}_${n} AS SELECT c0, c1 FROM ${t} WHERE c0 % 2 = 0;`;
    case 27: return `EXPLAIN (COSTS OFF) SELECT * FROM ${t} WHERE c0 = ANY ('{1,2,3}'::int[]);`;
    case 28: return `SET search_path = public, pg_catalog;`;
    case 29: return `SELECT * FROM ${t} WHERE c1 ~ E'^a\\\\d+;$' AND c1 LIKE '%;%';`;
    case 30: return `CREATE TYPE mood_${f}_${n} AS ENUM ('sad', 'ok', 'happy');`;
    case 31: return `ALTER TYPE mood_${f}_${n} ADD VALUE 'meh';`;
    case 32: return `SELECT syntax error here ${n} FROM;`;
    case 33: return `TRUNCATE ${t} CASCADE;`;
    case 34: return `CREATE TABLE part_${f}_${n} (id int, at date) PARTITION BY RANGE (at);`;
    case 35: return `COMMENT ON TABLE ${t} IS 'a table; with a comment';`;
    case 36: return `PREPARE p${n}(int) AS SELECT $1 + 1;\nEXECUTE p${n}(${n});\nDEALLOCATE p${n};`;
    case 37: return `CREATE DOMAIN dom_${f}_${n} AS int CHECK (VALUE > 0);`;
    case 38: return `SELECT '{"a": [1, 2, {"b": ";"}]}'::jsonb -> 'a' ->> 2, ARRAY[1,2,3] @> ARRAY[2];`;
    default: return `VACUUM ANALYZE ${t};`;
  }
}

/** Writes `files` files of about `bytesPerFile` bytes each into `dir`; returns their paths. */
export function writeRegressionCorpus(dir, { files = 243, bytesPerFile = 22_000, seed = 18 } = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const r = prng(seed);
  const paths = [];
  for (let f = 1; f <= files; f++) {
    const parts = [`--\n-- regression-like test file ${f}\n--\n`];
    let size = parts[0].length;
    for (let n = 0; size < bytesPerFile; n++) {
      const s = statement(r, f, n);
      parts.push(s);
      size += s.length + 1;
    }
    const name = `${String(f).padStart(4, '0')}_x.sql`;
    fs.writeFileSync(path.join(dir, name), parts.join('\n') + '\n');
    paths.push(path.join(dir, name));
  }
  return paths;
}
