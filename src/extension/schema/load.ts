// The schema-truth core, loaded on the first check rather than at activation: it pulls in PGlite
// and the WebAssembly parser. esbuild keeps dynamically imported modules lazy inside the one bundle.
export type SchemaCore = typeof import('../../core/schema');

let core: Promise<SchemaCore> | undefined;

export function loadSchemaCore(): Promise<SchemaCore> {
  core ??= import('../../core/schema');
  return core;
}

/** Whether `err` is the rejection of a cancelled check (core throws the signal's reason). */
export function isCancellation(err: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (err instanceof Error && err.name === 'AbortError');
}
