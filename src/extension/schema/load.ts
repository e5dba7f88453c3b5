// The schema-truth core, loaded on the first check rather than at activation: it pulls in PGlite
// and the WebAssembly parser. esbuild keeps dynamically imported modules lazy inside the one bundle.
import { loadHeavy } from '../heavy-modules';

export type SchemaCore = typeof import('../../core/schema');

let core: Promise<SchemaCore> | undefined;
let loaded: SchemaCore | undefined;

export function loadSchemaCore(): Promise<SchemaCore> {
  core ??= loadHeavy('schema checks (PGlite, SQL parser)', () => import('../../core/schema')).then((c) => (loaded = c));
  return core;
}

/** The schema core once a check has loaded it: every schema finding, link and hover comes after that. */
export function loadedSchemaCore(): SchemaCore | undefined {
  return loaded;
}

/** Whether `err` is the rejection of a cancelled check (core throws the signal's reason). */
export function isCancellation(err: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (err instanceof Error && err.name === 'AbortError');
}
