// The lint and format cores, loaded on the first SQL document rather than at activation: they
// pull in every rule and sql-formatter, and the WebAssembly parser, which the linter loads only
// once a project owns a document. esbuild keeps dynamically imported modules lazy inside the
// one bundle.
import { loadHeavy } from '../heavy-modules';

export type LintCore = typeof import('../../core/editor/lint-session') & typeof import('../../core/editor/hover-text') & typeof import('../../core/editor/rule-docs')
  & typeof import('../../core/language');
type FormatCore = typeof import('../../core/format/migration-format');

let lintCore: Promise<LintCore> | undefined;
let formatCore: Promise<FormatCore> | undefined;

export function loadLintCore(): Promise<LintCore> {
  lintCore ??= loadHeavy('lint rules', async () => {
    const [session, hover, docs, language] = await Promise.all([
      import('../../core/editor/lint-session'),
      import('../../core/editor/hover-text'),
      import('../../core/editor/rule-docs'),
      import('../../core/language'),
    ]);
    return { ...session, ...hover, ...docs, ...language };
  });
  return lintCore;
}

export function loadFormatCore(): Promise<FormatCore> {
  formatCore ??= loadHeavy('formatter (SQL parser)', async () => {
    const [format, parser] = await Promise.all([import('../../core/format/migration-format'), import('../../core/sql/parser')]);
    await parser.ensureParser();
    return format;
  });
  return formatCore;
}
