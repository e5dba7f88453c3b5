// "Write the expand/contract migrations for model X instead", the fix of vector-type-change-in-place:
// the scaffold of `new --change-embedding` (migrations/embedding-change.ts, the one writer the CLI
// and the "Change Embedding Model…" command use), planned from the migrations as they read with
// the in-place statement taken out.
//
// The statement is taken out, not left beside the new migrations: it cannot be applied to a table
// with rows (every row fails the cast), and left in place it would both run that failing cast
// before the expand and make the scaffold plan from the type it sets instead of the column's
// real one. It goes out as an edit of the open document, unsaved, so the user sees it and can
// undo it; it is offered only when the statement does nothing else (see the rule).
import * as fs from 'node:fs';
import type { ProjectConfig } from '../config/config';
import { applyOverrides, TextOverrides } from '../lint/overrides';
import type { ModelChangeOffer } from '../lint/types';
import { writeEmbeddingChange } from '../migrations/embedding-change';
import type { MigrationSet } from '../migrations/types';

export interface ModelChangeWrite {
  offer: ModelChangeOffer;
  author: string;
  now: Date;
}

/** Writes the scaffold's migrations (the parser must be loaded); returns their paths in apply order. */
export function writeModelChange(set: MigrationSet, config: ProjectConfig, overrides: TextOverrides, write: ModelChangeWrite): string[] {
  const { offer } = write;
  const texts = new Map(overrides);
  if (offer.remove) {
    const { file, start, end } = offer.remove;
    const text = texts.get(file) ?? fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const [from, to] = removalRange(text, start, end);
    texts.set(file, text.slice(0, from) + text.slice(to));
  }
  return writeEmbeddingChange(applyOverrides(set, texts), config, { target: offer.target, model: offer.model, author: write.author, now: write.now });
}

/** The statement `[start, end)` with the rest of its line when only blanks follow: what the fix deletes. */
export function removalRange(text: string, start: number, end: number): [number, number] {
  const rest = /^[ \t]*\r?\n/.exec(text.slice(end));
  return [start, end + (rest ? rest[0].length : 0)];
}
