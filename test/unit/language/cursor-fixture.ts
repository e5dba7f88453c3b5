// A project of migration files in which one file holds a cursor marker `|`: the model of its
// history, and the file and offset the marker stood at.
import { DEFAULT_CONFIG, ProjectConfig } from '../../../src/core/config/config';
import { ProjectModel } from '../../../src/core/language';
import { parseMigrationSet } from '../../../src/core/lint/engine';
import { withMigrationSet } from '../lint/temp-migrations';

export const CONFIG: ProjectConfig = { ...DEFAULT_CONFIG, embedding: { dimensions: 1536, distance: 'cosine' } };

export interface AtCursor {
  model: ProjectModel;
  file: string;
  offset: number;
  dir: string;
}

export function atCursor<T>(files: Record<string, string>, fn: (at: AtCursor) => T, config: ProjectConfig = CONFIG): T {
  const marked = Object.entries(files).find(([, text]) => text.includes('|'));
  if (!marked) throw new Error('no cursor marker | in the files');
  const offset = marked[1].indexOf('|');
  const clean = { ...files, [marked[0]]: marked[1].replace('|', '') };
  return withMigrationSet(clean, (set, dir) => {
    const model = new ProjectModel(parseMigrationSet(set), config);
    return fn({ model, file: `${dir}/${marked[0]}`, offset, dir });
  });
}

/** 1-based line of `offset` in `file` of the model. */
export function lineOf(model: ProjectModel, file: string, offset: number): number {
  return model.lines(file)!.positionAt(offset).line;
}
