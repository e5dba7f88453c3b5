// Every rule, sorted by file name. Adding a rule: one import and one entry, in order.
import type { Rule } from '../types';
import { addColumnVolatileDefault } from './add-column-volatile-default';
import { addNotNullColumnWithoutDefault } from './add-not-null-column-without-default';
import { addPrimaryKeyToExistingTable } from './add-primary-key-to-existing-table';
import { addUniqueConstraintWithoutIndex } from './add-unique-constraint-without-index';
import { banAlterDomainWithAddConstraint } from './ban-alter-domain-with-add-constraint';
import { banCharField } from './ban-char-field';
import { banCreateDomainWithConstraint } from './ban-create-domain-with-constraint';
import { banDropDatabase } from './ban-drop-database';
import { banDropNotNull } from './ban-drop-not-null';
import { banTruncateCascade } from './ban-truncate-cascade';
import { bulkInsertPreferCopy } from './bulk-insert-prefer-copy';
import { columnTypeChange } from './column-type-change';
import { concurrentlyInTransaction } from './concurrently-in-transaction';
import { constraintWithoutNotValid } from './constraint-without-not-valid';
import { deleteWithoutWhere } from './delete-without-where';
import { dependencyUnknown } from './dependency-unknown';
import { detachPartitionWithoutConcurrently } from './detach-partition-without-concurrently';
import { downIncomplete } from './down-incomplete';
import { dropColumn } from './drop-column';
import { dropIndexWithoutConcurrently } from './drop-index-without-concurrently';
import { dropTable } from './drop-table';
import { dropUnknownObject } from './drop-unknown-object';
import { enumValueWithoutPosition } from './enum-value-without-position';
import { extensionMissing } from './extension-missing';
import { fileNameConvention } from './file-name-convention';
import { foreignKeyUnknownTarget } from './foreign-key-unknown-target';
import { foreignKeyWithoutIndex } from './foreign-key-without-index';
import { headerMismatch } from './header-mismatch';
import { hnswParameters } from './hnsw-parameters';
import { identifierTooLong } from './identifier-too-long';
import { ifNotExistsShadowed } from './if-not-exists-shadowed';
import { indexWithoutConcurrently } from './index-without-concurrently';
import { ivfflatBeforeData } from './ivfflat-before-data';
import { ivfflatLists } from './ivfflat-lists';
import { lintLimit } from './lint-limit';
import { lockTimeoutMissing } from './lock-timeout-missing';
import { migrationFileInvalid } from './migration-file-invalid';
import { missingAnalyzeAfterBulkLoad } from './missing-analyze-after-bulk-load';
import { missingDown } from './missing-down';
import { missingHeader } from './missing-header';
import { missingPrimaryKey } from './missing-primary-key';
import { namingConvention } from './naming-convention';
import { notIdempotent } from './not-idempotent';
import { postgresFeatureVersion } from './postgres-feature-version';
import { preferBigintIdentity } from './prefer-bigint-identity';
import { preferBigintOverInt } from './prefer-bigint-over-int';
import { preferTextOverVarchar } from './prefer-text-over-varchar';
import { preferTimestamptz } from './prefer-timestamptz';
import { psqlMetaCommand } from './psql-meta-command';
import { reindexWithoutConcurrently } from './reindex-without-concurrently';
import { renameColumn } from './rename-column';
import { renameTable } from './rename-table';
import { setNotNull } from './set-not-null';
import { syntaxError } from './syntax-error';
import { tableWithoutSchema } from './table-without-schema';
import { transactionNesting } from './transaction-nesting';
import { transactionUnbalanced } from './transaction-unbalanced';
import { uncommittedTransaction } from './uncommitted-transaction';
import { updateWithoutWhere } from './update-without-where';
import { vacuumFullOrCluster } from './vacuum-full-or-cluster';
import { vectorColumnUnindexed } from './vector-column-unindexed';
import { vectorDimensionMismatch } from './vector-dimension-mismatch';
import { vectorExtensionMissing } from './vector-extension-missing';
import { vectorFeatureVersion } from './vector-feature-version';
import { vectorIndexDimensionLimit } from './vector-index-dimension-limit';
import { vectorIndexOpclassMismatch } from './vector-index-opclass-mismatch';
import { vectorMissingDimensions } from './vector-missing-dimensions';
import { vectorTypeChangeInPlace } from './vector-type-change-in-place';
import { versionDuplicate } from './version-duplicate';
import { versionGap } from './version-gap';

export const ALL_RULES: Rule[] = [
  addColumnVolatileDefault,
  addNotNullColumnWithoutDefault,
  addPrimaryKeyToExistingTable,
  addUniqueConstraintWithoutIndex,
  banAlterDomainWithAddConstraint,
  banCharField,
  banCreateDomainWithConstraint,
  banDropDatabase,
  banDropNotNull,
  banTruncateCascade,
  bulkInsertPreferCopy,
  columnTypeChange,
  concurrentlyInTransaction,
  constraintWithoutNotValid,
  deleteWithoutWhere,
  dependencyUnknown,
  detachPartitionWithoutConcurrently,
  downIncomplete,
  dropColumn,
  dropIndexWithoutConcurrently,
  dropTable,
  dropUnknownObject,
  enumValueWithoutPosition,
  extensionMissing,
  fileNameConvention,
  foreignKeyUnknownTarget,
  foreignKeyWithoutIndex,
  headerMismatch,
  hnswParameters,
  identifierTooLong,
  ifNotExistsShadowed,
  indexWithoutConcurrently,
  ivfflatBeforeData,
  ivfflatLists,
  lintLimit,
  lockTimeoutMissing,
  migrationFileInvalid,
  missingAnalyzeAfterBulkLoad,
  missingDown,
  missingHeader,
  missingPrimaryKey,
  namingConvention,
  notIdempotent,
  postgresFeatureVersion,
  preferBigintIdentity,
  preferBigintOverInt,
  preferTextOverVarchar,
  preferTimestamptz,
  psqlMetaCommand,
  reindexWithoutConcurrently,
  renameColumn,
  renameTable,
  setNotNull,
  syntaxError,
  tableWithoutSchema,
  transactionNesting,
  transactionUnbalanced,
  uncommittedTransaction,
  updateWithoutWhere,
  vacuumFullOrCluster,
  vectorColumnUnindexed,
  vectorDimensionMismatch,
  vectorExtensionMissing,
  vectorFeatureVersion,
  vectorIndexDimensionLimit,
  vectorIndexOpclassMismatch,
  vectorMissingDimensions,
  vectorTypeChangeInPlace,
  versionDuplicate,
  versionGap,
];
