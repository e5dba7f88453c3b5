// The config's `ignore` globs: .sql files beside the migrations that are not migrations.
// `*` and `?` stay within one folder, `**/` crosses any number of folders.
import * as path from 'node:path';

export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** A predicate over absolute paths for globs written relative to `baseDir`. */
export function ignoreMatcher(globs: readonly string[], baseDir: string): ((file: string) => boolean) | undefined {
  if (globs.length === 0) return undefined;
  const patterns = globs.map((g) => globToRegExp(g.replace(/\\/g, '/').replace(/^\.\//, '')));
  return (file) => {
    const rel = path.relative(baseDir, file).split(path.sep).join('/');
    return patterns.some((p) => p.test(rel));
  };
}
