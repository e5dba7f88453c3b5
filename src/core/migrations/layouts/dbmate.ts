// dbmate: `<version>_<name>.sql` with `-- migrate:up` and `-- migrate:down`; an option
// `transaction:false` on the marker line asks for the file to run outside a transaction.
import { Layout, sectionsBetweenMarkers } from './layout';
import { SINGLE_FILE_NAME } from './default';

const UP_MARKER = /^[ \t]*--[ \t]*migrate:up\b.*$/im;
const DOWN_MARKER = /^[ \t]*--[ \t]*migrate:down\b.*$/im;

export const dbmateLayout: Layout = {
  id: 'dbmate',
  expectedName: '<version>_<name>.sql with -- migrate:up / -- migrate:down, e.g. 20260105120000_create_documents.sql',
  // `dbmate new NAME` keeps NAME as typed.
  nameConvention: { uniformVersionWidth: true },
  matchFile(fileName) {
    const m = SINGLE_FILE_NAME.exec(fileName);
    return m ? { version: m[1], name: m[2], role: 'single' } : undefined;
  },
  detect(files) {
    return files.some((f) => SINGLE_FILE_NAME.test(f.name) && UP_MARKER.test(f.text));
  },
  readSections(text) {
    const ranges = sectionsBetweenMarkers(text, UP_MARKER, DOWN_MARKER);
    const upLine = UP_MARKER.exec(text)?.[0] ?? '';
    return { ...ranges, noTransaction: /\btransaction:false\b/i.test(upLine) };
  },
};
