// golang-migrate: a pair of files per version, `<version>_<name>.up.sql` and `.down.sql`.
import { Layout } from './layout';

const PAIR_FILE_NAME = /^(\d+)_(.+)\.(up|down)\.sql$/;

export const golangMigrateLayout: Layout = {
  id: 'golang-migrate',
  expectedName: '<version>_<name>.up.sql and <version>_<name>.down.sql',
  // `migrate create -seq NAME` keeps NAME as typed, with padded versions.
  nameConvention: { uniformVersionWidth: true },
  matchFile(fileName) {
    const m = PAIR_FILE_NAME.exec(fileName);
    return m ? { version: m[1], name: m[2], role: m[3] as 'up' | 'down' } : undefined;
  },
  detect(files) {
    return files.some((f) => PAIR_FILE_NAME.test(f.name));
  },
  readSections(text) {
    return { up: { start: 0, end: text.length } };
  },
};
