// Bulk loading with COPY: read, validate, batch, checkpoint, resume.
export { loadFile, DEFAULT_BATCH_ROWS } from './load';
export type { LoadOptions } from './load';
export { previewLoad } from './preview';
export type { LoadPreview } from './preview';
export { tablesCreatedBy } from './created-tables';
export type { InputFormat, LoadProgress, LoadResult, LoadSummary, Rejection, StopReason } from './types';
export { formatFromName } from './input';
export { progressLine } from './progress-line';
export { listTables } from './target';
