// The validation API the CLI and the editor call. Importing it registers the config keys it
// reads ("relationships", "required", "unique", "validate").
export { validateDatabase, validateProject } from './validate';
export type { ValidateInput } from './validate';
export { CHECK_IDS, isCheckId, reportFailed } from './types';
export type { CheckId, CheckResult, CheckStatus, SampleKey, ValidateOptions, ValidateProgress, ValidationReport } from './types';
export { validateSettings } from './settings';
export type { ValidateSettings } from './settings';
export { renderReportText } from './render/text';
export { renderReportMarkdown } from './render/markdown';
export { renderReportHtml } from './render/html';
export { reportJson } from './render/json';
