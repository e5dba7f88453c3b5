// Reading EXPLAIN (FORMAT JSON): which tables a plan reads without an index, and the plan's main
// nodes in a form that fits a hover ("Limit → Sort (embedding <-> $1) → Seq Scan on chunks").

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Alias?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  'Order By'?: string;
  Filter?: string;
  'Sort Key'?: string[];
  'Hash Cond'?: string;
  'Merge Cond'?: string;
  'Join Filter'?: string;
  'Join Type'?: string;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

/** The root plan node of `EXPLAIN (FORMAT JSON)` output, however the driver returned it. */
export function planRoot(explainRows: Record<string, unknown>[]): PlanNode {
  const value = Object.values(explainRows[0] ?? {})[0];
  const parsed = typeof value === 'string' ? JSON.parse(value) : value;
  return (parsed as { Plan: PlanNode }[])[0].Plan;
}

export const DISTANCE_OPERATORS = ['<->', '<=>', '<#>', '<+>', '<~>', '<%>'] as const;
const DISTANCE = /<->|<=>|<#>|<\+>|<~>|<%>/;

/** The operator an HNSW or IVFFlat operator class orders by. */
export function operatorOfOpclass(opclass: string): string | undefined {
  if (/_l2_ops$/.test(opclass)) return '<->';
  if (/_cosine_ops$/.test(opclass)) return '<=>';
  if (/_ip_ops$/.test(opclass)) return '<#>';
  if (/_l1_ops$/.test(opclass)) return '<+>';
  if (/hamming_ops$/.test(opclass)) return '<~>';
  if (/jaccard_ops$/.test(opclass)) return '<%>';
  return undefined;
}

export function walkPlan(node: PlanNode, visit: (node: PlanNode, depth: number) => void, depth = 0): void {
  visit(node, depth);
  for (const child of node.Plans ?? []) walkPlan(child, visit, depth + 1);
}

/** "Index Scan using chunks_embedding_idx on chunks (Order By: embedding <=> $1)". */
export function nodeLabel(node: PlanNode): string {
  const type = node['Node Type'];
  let label = type;
  if (node['Join Type'] && /Join|Nested Loop/.test(type) && node['Join Type'] !== 'Inner') label = `${type} (${node['Join Type']})`;
  if (node['Index Name'] && node['Relation Name']) label += ` using ${node['Index Name']} on ${node['Relation Name']}`;
  else if (node['Index Name']) label += ` on ${node['Index Name']}`;
  else if (node['Relation Name']) label += ` on ${node['Relation Name']}`;
  const parts: string[] = [];
  const add = (name: string, value: string | undefined) => { if (value) parts.push(`${name}: ${stripParens(value)}`); };
  add('Index Cond', node['Index Cond']);
  add('Order By', node['Order By']);
  add('Sort Key', node['Sort Key']?.map(stripParens).join(', '));
  add('Hash Cond', node['Hash Cond']);
  add('Merge Cond', node['Merge Cond']);
  add('Filter', node.Filter);
  return parts.length ? `${label} (${parts.join('; ')})` : label;
}

/** The plan as an indented tree, one node a line. */
export function planLines(root: PlanNode): string[] {
  const lines: string[] = [];
  walkPlan(root, (n, depth) => lines.push(`${'  '.repeat(depth)}${depth > 0 ? '-> ' : ''}${nodeLabel(n)}`));
  return lines;
}

/** The plan on one line: its nodes in order, joined by arrows. */
export function planSummary(root: PlanNode): string {
  const labels: string[] = [];
  walkPlan(root, (n) => labels.push(nodeLabel(n)));
  return labels.join(' → ');
}

export interface UnindexedScan {
  table: string;
  alias?: string;
  node: PlanNode;
  /** The filter the scan applies row by row, when it has one. */
  filter?: string;
}

/**
 * Scans of a table that no index narrows or orders: a Seq Scan (with enable_seqscan off, the
 * planner had nothing else), or an index walked end to end only to filter every row.
 */
export function unindexedScans(root: PlanNode): UnindexedScan[] {
  const out: UnindexedScan[] = [];
  walkPlan(root, (n) => {
    const table = n['Relation Name'];
    if (!table) return;
    const type = n['Node Type'];
    const fullIndexWalk = (type === 'Index Scan' || type === 'Index Only Scan') && !n['Index Cond'] && !n['Order By'] && n.Filter;
    if (type === 'Seq Scan' || fullIndexWalk) {
      out.push({ table, ...(n.Alias && n.Alias !== table ? { alias: n.Alias } : {}), node: n, ...(n.Filter ? { filter: stripParens(n.Filter) } : {}) });
    }
  });
  return out;
}

/** Sort keys of Sort nodes (not served by any index), without their outer parentheses. */
export function sortKeys(root: PlanNode): string[] {
  const keys: string[] = [];
  walkPlan(root, (n) => {
    if (/Sort$/.test(n['Node Type'])) for (const k of n['Sort Key'] ?? []) keys.push(stripParens(k));
  });
  return keys;
}

export interface DistanceUse {
  column: string;
  operator: string;
  /** The distance is the whole expression (ascending), as an index can serve it. */
  bare: boolean;
  descending: boolean;
  text: string;
}

/** `embedding <-> $1`, `c.embedding <=> $1 DESC`, `(1 - (embedding <=> $1))`. */
export function distanceIn(text: string): DistanceUse | undefined {
  if (!DISTANCE.test(text)) return undefined;
  const descending = /\sDESC(\s+NULLS\s+\w+)?$/i.test(text);
  const expr = stripParens(text.replace(/\s+(ASC|DESC)(\s+NULLS\s+\w+)?$/i, '').replace(/\s+NULLS\s+\w+$/i, ''));
  const bare = /^\(?(?:[\w$]+\.)?("?[\w$]+"?)(?:\)?::[\w$]+(?:\(\d+\))?)?\s*(<->|<=>|<#>|<\+>|<~>|<%>)\s*[^<>=]+$/.exec(expr);
  const anywhere = /(?:[\w$]+\.)?("?[\w$]+"?)\)?(?:::[\w$]+(?:\(\d+\))?)?\s*(<->|<=>|<#>|<\+>|<~>|<%>)/.exec(expr)!;
  const match = bare ?? anywhere;
  return { column: match[1].replace(/^"|"$/g, ''), operator: match[2], bare: Boolean(bare), descending, text: expr };
}

export function stripParens(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
  return t;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Identifiers in a deparsed expression, outside string literals: candidate column names. */
export function identifiersIn(text: string): string[] {
  const withoutLiterals = text.replace(/'(?:[^']|'')*'/g, ' ');
  const out = new Set<string>();
  for (const m of withoutLiterals.matchAll(/"((?:[^"]|"")+)"|\b([A-Za-z_][A-Za-z0-9_$]*)\b/g)) {
    if (m[1]) out.add(m[1].replace(/""/g, '"'));
    else out.add(m[2].toLowerCase());
  }
  return [...out];
}
