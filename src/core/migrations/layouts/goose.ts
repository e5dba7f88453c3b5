// goose: `<version>_<name>.sql` with `-- +goose Up` and `-- +goose Down` annotations in one file.
// `-- +goose StatementBegin` / `StatementEnd` wrap statements that hold semicolons (functions);
// they are comments to PostgreSQL, and our splitter already keeps dollar-quoted bodies whole.
// `-- +goose NO TRANSACTION` anywhere in the file runs it outside a transaction.
import { Layout, sectionsBetweenMarkers } from './layout';
import { SINGLE_FILE_NAME } from './default';

const UP_MARKER = /^[ \t]*--[ \t]*\+goose[ \t]+Up\b.*$/im;
const DOWN_MARKER = /^[ \t]*--[ \t]*\+goose[ \t]+Down\b.*$/im;
const NO_TRANSACTION = /^[ \t]*--[ \t]*\+goose[ \t]+NO[ \t]+TRANSACTION\b/im;

export const gooseLayout: Layout = {
  id: 'goose',
  expectedName: '<version>_<name>.sql with -- +goose Up / -- +goose Down, e.g. 20260105120000_create_documents.sql',
  // goose accepts any name after the version.
  nameConvention: { uniformVersionWidth: true },
  matchFile(fileName) {
    const m = SINGLE_FILE_NAME.exec(fileName);
    return m ? { version: m[1], name: m[2], role: 'single' } : undefined;
  },
  detect(files) {
    return files.some((f) => SINGLE_FILE_NAME.test(f.name) && UP_MARKER.test(f.text));
  },
  readSections(text) {
    return { ...sectionsBetweenMarkers(text, UP_MARKER, DOWN_MARKER), noTransaction: NO_TRANSACTION.test(text) };
  },
};
