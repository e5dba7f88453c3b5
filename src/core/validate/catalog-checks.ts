// Checks answered by the catalog alone, without reading rows: ANN index coverage of vector
// columns, indexes left invalid by a failed CONCURRENTLY build, and the pgvector version.
import { embeddingFor, EmbeddingConfig } from '../config/embedding-models';
import type { Distance } from '../config/config';
import type { CheckResult } from './types';
import type { Catalog, Column, Table } from './catalog';
import { finding } from './probe';

/** Which distance an operator class serves: vector_cosine_ops -> cosine, halfvec_ip_ops -> inner_product. */
export function distanceOfOpclass(opclass: string): Distance | undefined {
  if (opclass.endsWith('_cosine_ops')) return 'cosine';
  if (opclass.endsWith('_ip_ops')) return 'inner_product';
  if (opclass.endsWith('_l2_ops')) return 'l2';
  if (opclass.endsWith('_l1_ops')) return 'l1';
  if (opclass.endsWith('_hamming_ops')) return 'hamming';
  if (opclass.endsWith('_jaccard_ops')) return 'jaccard';
  return undefined;
}

const OPERATOR: Record<Distance, string> = { l2: '<->', inner_product: '<#>', cosine: '<=>', l1: '<+>', hamming: '<~>', jaccard: '<%>' };
const OPCLASS_SUFFIX: Record<Distance, string> = { l2: 'l2_ops', inner_product: 'ip_ops', cosine: 'cosine_ops', l1: 'l1_ops', hamming: 'hamming_ops', jaccard: 'jaccard_ops' };
/** HNSW indexes vector up to 2,000 dimensions and halfvec up to 4,000. */
const HNSW_LIMIT: Record<'vector' | 'halfvec', number> = { vector: 2000, halfvec: 4000 };

function createIndexSql(table: Table, column: Column, distance: Distance): string {
  const type = column.vectorType!;
  if (column.dimensions === undefined) {
    return [
      `-- an untyped ${type} column cannot be indexed: pin its dimension first (see vector-dimensions), e.g.`,
      `-- ALTER TABLE ${table.quoted} ALTER COLUMN ${column.quoted} TYPE ${type}(<dimensions>);`,
      `CREATE INDEX CONCURRENTLY ON ${table.quoted} USING hnsw (${column.quoted} ${type}_${OPCLASS_SUFFIX[distance]});`,
    ].join('\n');
  }
  if (column.dimensions > HNSW_LIMIT[type] && column.dimensions <= HNSW_LIMIT.halfvec) {
    return [
      `-- ${column.dimensions} dimensions exceed HNSW's limit for ${type}; index a halfvec expression (queries must use the same cast)`,
      `CREATE INDEX CONCURRENTLY ON ${table.quoted} USING hnsw ((${column.quoted}::halfvec(${column.dimensions})) halfvec_${OPCLASS_SUFFIX[distance]});`,
    ].join('\n');
  }
  return `CREATE INDEX CONCURRENTLY ON ${table.quoted} USING hnsw (${column.quoted} ${type}_${OPCLASS_SUFFIX[distance]});`;
}

/**
 * Every vector column should have an HNSW or IVFFlat index, and when the config declares a
 * distance, one whose operator class serves it (a search orders by one operator only).
 */
/** The distance a column's queries order by, and the config key that says so ("embeddings.minilm.distance"). */
export type ColumnDistance = (table: Table, column: Column) => { distance: Distance | undefined; source: string };

/** Each column's distance from the model that claims it (embeddings), else the project's. */
export function modelDistances(config: EmbeddingConfig): ColumnDistance {
  return (table, column) => {
    const model = embeddingFor(config, `${table.schema}.${table.name}`, column.name);
    return { distance: model.distance, source: model.model ? `embeddings.${model.model.name}.distance` : 'embedding.distance' };
  };
}

export function indexCoverage(catalog: Catalog, distances: Distance | undefined | ColumnDistance): CheckResult[] {
  const results: CheckResult[] = [];
  const distanceOf: ColumnDistance = typeof distances === 'function' ? distances : () => ({ distance: distances, source: 'embedding.distance' });
  for (const table of catalog.tables) {
    for (const column of table.columns.filter((c) => c.vectorType)) {
      const { distance: declared, source } = distanceOf(table, column);
      const indexes = catalog.annIndexes.filter((i) => i.tableOid === table.oid && i.attnums.includes(column.attnum));
      const wanted = declared ?? 'cosine';
      const base = (rest: Parameters<typeof finding>[3], object?: string): CheckResult => ({ ...finding('vector-index-coverage', table, column.name, rest), sample: [], ...(object ? { object } : {}) });
      if (indexes.length === 0) {
        results.push(base({
          status: 'fail', rows: null,
          message: `no HNSW or IVFFlat index reads ${column.name}: every similarity search scans the whole table`,
          remediation: createIndexSql(table, column, wanted),
        }));
        continue;
      }
      const described = indexes.map((i) => `${i.name} (${i.method}, ${i.opclass})`).join(', ');
      if (declared && !indexes.some((i) => distanceOfOpclass(i.opclass) === declared)) {
        results.push(base({
          status: 'fail', rows: null,
          message: `${source} is ${declared}, but ${described} serve${indexes.length === 1 ? 's' : ''} another distance: a search ordered by ${OPERATOR[declared]} cannot use ${indexes.length === 1 ? 'it' : 'them'}`,
          remediation: [createIndexSql(table, column, declared), `-- once the new index is valid, drop the one no query uses:`, ...indexes.map((i) => `-- DROP INDEX CONCURRENTLY ${i.quoted};`)].join('\n'),
        }, indexes[0].name));
        continue;
      }
      results.push(base({ status: 'pass', rows: null, message: `indexed by ${described}`, remediation: null }, indexes[0].name));
    }
  }
  return results;
}

/** indisvalid = false: a CREATE INDEX CONCURRENTLY that failed or was cancelled left it behind. */
export function invalidIndexes(catalog: Catalog): CheckResult[] {
  return catalog.invalidIndexes.map((index) => {
    const table = catalog.tables.find((t) => t.oid === index.tableOid)!;
    const rebuild = index.definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX CONCURRENTLY ');
    return {
      ...finding('invalid-index', table, null, {
        status: 'fail', rows: null,
        message: `index ${index.name} is invalid (a CREATE INDEX CONCURRENTLY failed or was cancelled): queries never use it, yet every write still updates it`,
        remediation: [
          `-- drop the leftover and build it again (a unique index fails again until its duplicates are gone)`,
          `DROP INDEX CONCURRENTLY IF EXISTS ${index.quoted};`,
          `${rebuild};`,
          `-- or rebuild it in place (PostgreSQL 12 or later):`,
          `-- REINDEX INDEX CONCURRENTLY ${index.quoted};`,
        ].join('\n'),
      }),
      sample: [],
      object: index.name,
    };
  });
}

/** "0.8.0" < "0.10.1", compared part by part as numbers. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** The installed pgvector against the project's pgvectorVersion and what the server could install. */
export function extensionVersion(catalog: Catalog, target: string): CheckResult[] {
  const ext = catalog.extension;
  const result = (status: CheckResult['status'], message: string, remediation: string | null): CheckResult[] => [
    { id: 'extension-version', table: null, column: null, status, rows: null, sample: [], message, remediation, object: 'vector' },
  ];
  if (!ext) return result('pass', 'pgvector is not installed in this database; nothing to compare', null);
  const available = ext.available;
  const behindTarget = compareVersions(ext.version, target) < 0;
  const behindAvailable = available !== null && compareVersions(ext.version, available) < 0;
  if (!behindTarget && !behindAvailable) {
    return result('pass', `pgvector ${ext.version} is installed (the project targets ${target}${available ? `, the server offers ${available}` : ''})`, null);
  }
  const reasons = [
    behindTarget ? `the project targets ${target} (pgvectorVersion)` : undefined,
    behindAvailable ? `the server offers ${available}` : undefined,
  ].filter(Boolean).join(' and ');
  const serverTooOld = available !== null && compareVersions(available, target) < 0;
  const remediation = [
    serverTooOld ? `-- the server's packages offer only ${available}: install pgvector ${target} or later on the server first` : '-- update to the newest version the server offers (takes a brief lock on the extension)',
    'ALTER EXTENSION vector UPDATE;',
  ].join('\n');
  return result('fail', `pgvector ${ext.version} is installed, but ${reasons}`, remediation);
}
