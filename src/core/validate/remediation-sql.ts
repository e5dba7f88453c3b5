// Small pieces of the SQL that reports hand to a person: which columns identify a row.
import type { Table } from './catalog';

/** The primary key columns, quoted, for a SELECT list; the ctid for a table without one. */
export function keySelectList(table: Table): string {
  return table.primaryKey.length === 0 ? 'ctid' : table.primaryKey.map((c) => c.quoted).join(', ');
}

/** A string literal the way quote_literal writes it (E'' when the text holds a backslash). */
export function quoteLiteral(text: string): string {
  const doubled = text.replace(/'/g, "''");
  return text.includes('\\') ? `E'${doubled.replace(/\\/g, '\\\\')}'` : `'${doubled}'`;
}
