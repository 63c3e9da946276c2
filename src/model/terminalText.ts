/**
 * Text from AWS (stack names, parameters, statuses, error messages) printed to a terminal. Anyone able to
 * name a stack could otherwise move the cursor, clear the screen, change colours or reorder what is shown.
 */

/** Widest a table cell may be, so one long value cannot push every other column off the screen. */
export const tableCellLimit = 60;
/** Longest an error line may be; longer than a cell, as its message is what tells the reader how to fix it. */
export const errorLineLimit = 500;

export const ellipsis = '…';

/** C0 controls, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates. */
const controlCharacter = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const namedEscapes: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(character: string): string {
  const code = character.charCodeAt(0);
  return (
    namedEscapes[character] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`)
  );
}

/**
 * `text` with every control character written out visibly: `\n`, `\r`, `\t`, `\x1b`, `\x9b`, `\u202e`. Anything
 * else, backslashes included, stays as it is: the aim is a harmless line, not one that can be decoded back
 * (`--json` is for exact values).
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(controlCharacter, escapeOne);
}

/**
 * `text` escaped, then cut to at most `limit` UTF-16 units (what `formatTable` measures) ending in `…` when it is
 * longer. The cut falls between whole characters and whole escape sequences, so the result may stop a few units
 * short of `limit` rather than print half of `\u202e` or half of a surrogate pair.
 */
export function terminalField(text: string, limit: number): string {
  if (!Number.isInteger(limit) || limit < ellipsis.length)
    throw new RangeError(`limit must be a whole number of at least ${ellipsis.length}, not ${limit}`);
  const escaped = escapeControlCharacters(text);
  if (escaped.length <= limit) return escaped;
  let kept = '';
  // for…of walks code points, and escaping one on its own yields its whole escape sequence.
  for (const character of text) {
    const piece = escapeControlCharacters(character);
    if (kept.length + piece.length > limit - ellipsis.length) break;
    kept += piece;
  }
  return kept + ellipsis;
}
