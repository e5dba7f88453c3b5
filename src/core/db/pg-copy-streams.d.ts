// The part of pg-copy-streams we use (the package ships no types).
declare module 'pg-copy-streams' {
  import type { Writable, WritableOptions } from 'node:stream';
  import type { Submittable } from 'pg';
  export interface CopyStreamQuery extends Writable, Submittable {
    rowCount: number;
  }
  export function from(text: string, options?: WritableOptions): CopyStreamQuery;
}
