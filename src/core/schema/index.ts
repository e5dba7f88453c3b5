// Schema truth: what PostgreSQL itself says about the migrations, on scratch databases.
// The API the CLI (check, verify) and the editor (Test Explorer, background checks) call.
export { checkArchitecture } from './architecture';
export type { CheckArchitectureOptions } from './architecture';
export { verifyRollbacks } from './round-trip';
export type { MigrationVerifyResult, VerifyOptions, VerifyProgress, VerifyStatus, VerifyStep } from './round-trip';
export { ScratchPool } from './scratch-pool';
export type { Scratch, ScratchPoolOptions } from './scratch-pool';
export { openMemoryDatabase, openThrowawayServerDatabase } from './scratch-db';
export { readCatalog } from './catalog';
export type { CatalogSnapshot } from './catalog';
export { parseSpec, specStatements } from './spec';
export type { ArchitectureSpec, SpecBlock } from './spec';
export { ARCHITECTURE_DRIFT, DOWN_NOT_REVERTING, QUERY_PATTERN_UNINDEXED, SCHEMA_RULES, SCRATCH_APPLY_FAILED, UP_NOT_RERUNNABLE } from './rules';
export type { SchemaFinding } from './rules';
