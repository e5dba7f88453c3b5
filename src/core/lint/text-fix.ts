// The replacement prefer-text-over-varchar and ban-char-field both offer: `text` with the length
// limit kept as a CHECK constraint, which can later be changed without rewriting the table.
import type { ColumnDefinition } from './column-definitions';
import type { Fix } from './types';

/** `text CHECK (char_length(email) <= 100)` in place of the type, or just `text` where a CHECK cannot go. */
export function textFix(def: ColumnDefinition, maxLength: number | undefined): Fix {
  const inlineCheck = maxLength !== undefined && def.kind !== 'alter-type' && !def.type.isArray;
  const newText = inlineCheck ? `text CHECK (char_length(${def.nameText}) <= ${maxLength})` : 'text';
  return {
    title: inlineCheck ? `Change to text with a length CHECK` : 'Change to text',
    edits: [{ file: def.file, start: def.typeRange.start, end: def.typeRange.baseEnd, newText }],
  };
}
