// Passwords never reach a message, a log or an error: every text that may hold a connection
// string goes through redactSecrets before it leaves the core.

const URL_PASSWORD = /\b(postgres(?:ql)?:\/\/[^:/@\s]*:)([^@\s]*)@/gi;
const KEYWORD_PASSWORD = /\b(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)/gi;

export function redactSecrets(text: string): string {
  return text.replace(URL_PASSWORD, '$1***@').replace(KEYWORD_PASSWORD, '$1***');
}

/** A connection URL as it may be shown: with the password replaced by ***. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return redactSecrets(url);
  }
}
