// The door to the parts of core that pull in node-postgres, PGlite or the WebAssembly parser.
// They are imported on the first database action, never at activation: esbuild keeps modules
// that are only imported dynamically lazy inside the one bundle.
const loaded = new Set<string>();

/** Which heavy modules this window has loaded so far (the test API reports it). */
export function heavyModulesLoaded(): string[] {
  return [...loaded].sort();
}

export function loadOpenConnection(): Promise<typeof import('../core/db/open-connection')> {
  loaded.add('database drivers');
  return import('../core/db/open-connection');
}
