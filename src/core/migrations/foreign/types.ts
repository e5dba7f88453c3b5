// Other tools' histories: what each recorded as applied, read (never written) for adoption.

export type ForeignToolId =
  | 'dbmate' | 'golang-migrate' | 'rails' | 'flyway' | 'prisma' | 'goose' | 'drizzle' | 'supabase' | 'sqitch' | 'node-pg-migrate';

/** One migration another tool recorded as applied. */
export interface ForeignRecord {
  /** The version the tool keeps (numbers and timestamps as text), when it keeps one. */
  version?: string;
  /** The name the tool keeps: Prisma's folder, sqitch's change, node-pg-migrate's file stem. */
  name?: string;
  /** The tool's checksum of the file, when it keeps one (Prisma, drizzle, Flyway, sqitch). */
  checksum?: string;
  /** drizzle: the journal's `when` of the migration (its `created_at`). */
  createdAt?: number;
  /** How to name the record in messages. */
  label: string;
}

export interface ForeignHistory {
  tool: ForeignToolId;
  /** For messages: "dbmate", "golang-migrate", "Supabase". */
  label: string;
  /** Qualified table name, e.g. "public.schema_migrations". */
  table: string;
  records: ForeignRecord[];
  /** golang-migrate keeps one row: every version up to this one is applied. */
  upTo?: string;
  /** golang-migrate's dirty flag: the last migration failed half-way. */
  dirty?: boolean;
}
