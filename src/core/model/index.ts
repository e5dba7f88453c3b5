export { applyStatement, indexModelOf, sourceRefs, tableModelOf } from './apply';
export { cloneSchema, emptySchema, indexesOn } from './model';
export { finalSchema, schemaSnapshots } from './snapshots';
export type { SchemaSnapshots } from './snapshots';
