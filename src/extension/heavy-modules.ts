// The door to the parts of core that pull in node-postgres, PGlite or the WebAssembly parser.
// They are imported on first use (a database action, a schema check, a SQL document), never at
// activation: esbuild keeps modules that are only imported dynamically lazy inside the one bundle.
// Every such import goes through loadHeavy, so the test API can tell what a window has loaded.
const loaded = new Set<string>();

/** Which heavy modules this window has loaded so far (the test API reports it). */
export function heavyModulesLoaded(): string[] {
  return [...loaded].sort();
}

/** Imports a heavy part of core, remembering its name; `load` must be a dynamic import. */
export function loadHeavy<T>(name: string, load: () => Promise<T>): Promise<T> {
  loaded.add(name);
  return load();
}

export function loadOpenConnection(): Promise<typeof import('../core/db/open-connection')> {
  return loadHeavy('database drivers', () => import('../core/db/open-connection'));
}
