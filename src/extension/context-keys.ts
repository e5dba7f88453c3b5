// The context keys this extension sets for package.json's `when` clauses (the Migrations view's
// welcome content and menus). No vscode import, so that unit tests can read it beside package.json.
export const CONTEXT = {
  hasProject: 'pgvectorMigrator.hasProject',
  hasMigrations: 'pgvectorMigrator.hasMigrations',
  usingEmbedded: 'pgvectorMigrator.usingEmbedded',
} as const;

export type ContextKey = (typeof CONTEXT)[keyof typeof CONTEXT];
