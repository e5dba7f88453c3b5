// The team's own convention: `<version>_<snake_name>.sql`, one file with `-- UP Migration` and
// `-- DOWN Migration` sections. A file with no markers at all is UP only (plain layout).
import { Layout, sectionsBetweenMarkers, SNAKE_CASE_NAMES } from './layout';

export const SINGLE_FILE_NAME = /^(\d+)_([^.]+)\.sql$/;
export const UP_MARKER = /^[ \t]*--[ \t]*UP[ \t]+Migration\b.*$/im;
export const DOWN_MARKER = /^[ \t]*--[ \t]*DOWN[ \t]+Migration\b.*$/im;

export const defaultLayout: Layout = {
  id: 'default',
  expectedName: '<version>_<name>.sql, e.g. 0001_create_documents.sql',
  nameConvention: { name: SNAKE_CASE_NAMES, uniformVersionWidth: true },
  matchFile(fileName) {
    const m = SINGLE_FILE_NAME.exec(fileName);
    return m ? { version: m[1], name: m[2], role: 'single' } : undefined;
  },
  detect(files) {
    return files.some((f) => SINGLE_FILE_NAME.test(f.name) && (UP_MARKER.test(f.text) || DOWN_MARKER.test(f.text)));
  },
  readSections(text) {
    return sectionsBetweenMarkers(text, UP_MARKER, DOWN_MARKER);
  },
};

/** Hand-written sets, Supabase, drizzle: `<version>_<name>.sql` files without markers, UP only. */
export const plainLayout: Layout = {
  ...defaultLayout,
  id: 'plain',
  // Hand-written sets and other tools' folders name files their own way (kebab-case, CamelCase):
  // only the versions' widths are ours to check.
  nameConvention: { uniformVersionWidth: true },
  detect(files) {
    return files.some((f) => SINGLE_FILE_NAME.test(f.name));
  },
};
