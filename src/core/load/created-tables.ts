// The tables a migration's SQL creates, for "Load Data into Table…" on that migration. A scan of
// the text (comments removed), not a parse: the menu must not wait for the parser.
export function tablesCreatedBy(sql: string): string[] {
  const text = sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
  const names: string[] = [];
  const re = /\bCREATE\s+(?:(?:GLOBAL|LOCAL)\s+)?(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?((?:"[^"]+"|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:"[^"]+"|[A-Za-z_][\w$]*))?)(?!\s+(?:AS|PARTITION\s+OF)\b)/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[1].replace(/\s+/g, '');
    if (!/^TEMP(ORARY)?$/i.test(name) && !names.includes(name)) names.push(name);
  }
  return names;
}
