// Supabase: `supabase/migrations/<timestamp>_<name>.sql`, UP only (the Supabase CLI runs the
// whole file). Recognised by where the folder is, since its files look like any plain set.
import * as path from 'node:path';
import { Layout } from './layout';

const SUPABASE_FILE_NAME = /^(\d+)_([^/]+)\.sql$/;

export const supabaseLayout: Layout = {
  id: 'supabase',
  expectedName: '<timestamp>_<name>.sql, e.g. 20240107152745_create_documents.sql',
  // The Supabase CLI takes any name (kebab-case is common) after a timestamp.
  nameConvention: { uniformVersionWidth: false },
  matchFile(fileName) {
    const m = SUPABASE_FILE_NAME.exec(fileName);
    return m ? { version: m[1], name: m[2], role: 'single' } : undefined;
  },
  detect(_files, dir) {
    return path.basename(dir) === 'migrations' && path.basename(path.dirname(dir)) === 'supabase';
  },
  readSections(text) {
    return { up: { start: 0, end: text.length } };
  },
};
