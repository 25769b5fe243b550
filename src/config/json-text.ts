// Parses the config file's JSON. A syntax error is reported by line and column only: the
// runtime's own message quotes the text around the error, which may be the terminal secret.
import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';

export type JsonText = { ok: true; value: unknown } | { ok: false; where: string };

export function parseJsonText(text: string): JsonText {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, where: syntaxErrorPlace(text, (err as Error).message) };
  }
}

/** "line L, column C: rule", from a parser that reports offsets and codes, never text. */
function syntaxErrorPlace(text: string, runtimeMessage: string): string {
  const errors: ParseError[] = [];
  parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first)
    return `${lineAndColumn(text, first.offset)}: ${words(printParseErrorCode(first.error))}`;
  // Both parsers disagree (rare): keep only the runtime's position, if it gave one.
  const at = /\(line (\d+) column (\d+)\)/.exec(runtimeMessage);
  return at ? `line ${at[1]}, column ${at[2]}` : 'an unknown place';
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** PropertyNameExpected → "property name expected". */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
