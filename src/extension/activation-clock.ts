// Imported first by extension.ts, so this runs before any other module of ours in the bundle:
// the activation cost we report is module evaluation plus activate().
export const modulesStartedAt = performance.now();
