// Every rule, sorted by file name. Adding a rule: one import and one entry, in order.
import type { Rule } from '../types';
import { addColumnVolatileDefault } from './add-column-volatile-default';
import { addNotNullColumnWithoutDefault } from './add-not-null-column-without-default';
import { bulkInsertPreferCopy } from './bulk-insert-prefer-copy';
import { columnTypeChange } from './column-type-change';
import { concurrentlyInTransaction } from './concurrently-in-transaction';
import { constraintWithoutNotValid } from './constraint-without-not-valid';
import { deleteWithoutWhere } from './delete-without-where';
import { dependencyUnknown } from './dependency-unknown';
import { downIncomplete } from './down-incomplete';
import { dropColumn } from './drop-column';
import { dropTable } from './drop-table';
import { fileNameConvention } from './file-name-convention';
import { headerMismatch } from './header-mismatch';
import { hnswParameters } from './hnsw-parameters';
import { indexWithoutConcurrently } from './index-without-concurrently';
import { ivfflatBeforeData } from './ivfflat-before-data';
import { ivfflatLists } from './ivfflat-lists';
import { lockTimeoutMissing } from './lock-timeout-missing';
import { migrationFileInvalid } from './migration-file-invalid';
import { missingAnalyzeAfterBulkLoad } from './missing-analyze-after-bulk-load';
import { missingDown } from './missing-down';
import { missingHeader } from './missing-header';
import { notIdempotent } from './not-idempotent';
import { psqlMetaCommand } from './psql-meta-command';
import { renameColumn } from './rename-column';
import { renameTable } from './rename-table';
import { setNotNull } from './set-not-null';
import { syntaxError } from './syntax-error';
import { transactionNesting } from './transaction-nesting';
import { transactionUnbalanced } from './transaction-unbalanced';
import { uncommittedTransaction } from './uncommitted-transaction';
import { updateWithoutWhere } from './update-without-where';
import { vectorDimensionMismatch } from './vector-dimension-mismatch';
import { vectorExtensionMissing } from './vector-extension-missing';
import { vectorFeatureVersion } from './vector-feature-version';
import { vectorIndexDimensionLimit } from './vector-index-dimension-limit';
import { vectorIndexOpclassMismatch } from './vector-index-opclass-mismatch';
import { vectorMissingDimensions } from './vector-missing-dimensions';
import { versionDuplicate } from './version-duplicate';
import { versionGap } from './version-gap';

export const ALL_RULES: Rule[] = [
  addColumnVolatileDefault,
  addNotNullColumnWithoutDefault,
  bulkInsertPreferCopy,
  columnTypeChange,
  concurrentlyInTransaction,
  constraintWithoutNotValid,
  deleteWithoutWhere,
  dependencyUnknown,
  downIncomplete,
  dropColumn,
  dropTable,
  fileNameConvention,
  headerMismatch,
  hnswParameters,
  indexWithoutConcurrently,
  ivfflatBeforeData,
  ivfflatLists,
  lockTimeoutMissing,
  migrationFileInvalid,
  missingAnalyzeAfterBulkLoad,
  missingDown,
  missingHeader,
  notIdempotent,
  psqlMetaCommand,
  renameColumn,
  renameTable,
  setNotNull,
  syntaxError,
  transactionNesting,
  transactionUnbalanced,
  uncommittedTransaction,
  updateWithoutWhere,
  vectorDimensionMismatch,
  vectorExtensionMissing,
  vectorFeatureVersion,
  vectorIndexDimensionLimit,
  vectorIndexOpclassMismatch,
  vectorMissingDimensions,
  versionDuplicate,
  versionGap,
];
