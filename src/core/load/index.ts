// Bulk loading with COPY: read, validate, batch, checkpoint, resume.
export { loadFile, previewLoad, DEFAULT_BATCH_ROWS } from './load';
export type { LoadOptions, LoadPreview } from './load';
export { tablesCreatedBy } from './created-tables';
export type { InputFormat, LoadProgress, LoadResult, LoadSummary, Rejection, StopReason } from './types';
export { formatFromName } from './input';
export { progressLine } from './progress-line';
export { listTables } from './target';
