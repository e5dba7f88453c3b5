// Flyway: `V<version>__<description>.sql` applies, `U<version>__<description>.sql` undoes.
// Versions may be dotted (V1.2__x.sql, V1_2__x.sql). Repeatable R__ files have no version.
import { Layout } from './layout';

const FLYWAY_FILE_NAME = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/;

export const flywayLayout: Layout = {
  id: 'flyway',
  expectedName: 'V<version>__<description>.sql (and U<version>__<description>.sql to undo)',
  // Flyway's own convention: V1__Create_documents.sql, versions of any width.
  nameConvention: { uniformVersionWidth: false },
  matchFile(fileName) {
    const m = FLYWAY_FILE_NAME.exec(fileName);
    return m ? { version: m[2], name: m[3], role: m[1] === 'V' ? 'up' : 'down' } : undefined;
  },
  detect(files) {
    return files.some((f) => FLYWAY_FILE_NAME.test(f.name));
  },
  readSections(text) {
    return { up: { start: 0, end: text.length } };
  },
};
