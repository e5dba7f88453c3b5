export { applyStatement, guardedConstraintAdds, indexModelOf, sourceRefs, tableModelOf } from './apply';
export { constraintModelOf } from './constraints';
export type { GuardedAdd } from './apply';
export { cloneSchema, emptySchema, indexesOn } from './model';
export { finalSchema, schemaSnapshots } from './snapshots';
export type { SchemaSnapshots } from './snapshots';
