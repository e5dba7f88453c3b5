// "Declare this column as model X": the edit of pgvector-migrator.json that claims a column for a
// named model (creating the model when asked), as new file text. The file is rewritten as JSON
// with two-space indentation, the form `init` writes; key order and every other key are kept.
import type { ModelDeclaration } from '../lint/types';
import { isPlainObject } from './config';

/** The config text after `declaration`; undefined when the text is not a JSON object. */
export function declareColumnInConfig(configText: string, declaration: ModelDeclaration): string | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(configText);
  } catch {
    return undefined;
  }
  if (!isPlainObject(raw)) return undefined;
  const embeddings = isPlainObject(raw.embeddings) ? raw.embeddings : {};
  const model = isPlainObject(embeddings[declaration.model]) ? embeddings[declaration.model] as Record<string, unknown> : { ...declaration.create };
  const columns = Array.isArray(model.columns) ? model.columns : [];
  if (!columns.includes(declaration.glob)) model.columns = [...columns, declaration.glob];
  embeddings[declaration.model] = model;
  raw.embeddings = embeddings;
  const eol = configText.includes('\r\n') ? '\r\n' : '\n';
  return JSON.stringify(raw, null, 2).replace(/\n/g, eol) + (configText.endsWith('\n') ? eol : '');
}
