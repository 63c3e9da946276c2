/**
 * Text that came from outside (AWS, a rack, a template) shown in a notification, an input box or a quick pick.
 * VS Code turns `[label](target)` there into a link that runs `target`, `command:` URIs included, and a quick pick
 * draws `$(name)` as an icon; so both syntaxes are broken apart. The text becomes one line without control, bidi or
 * invisible characters and is cut to `limit` characters (code points: a surrogate pair is never split).
 */

/** Longest untrusted text a notification or prompt shows; the log keeps the whole of it. */
export const untrustedTextLimit = 400;

/**
 * C0 and C1 controls, bidi embeddings, overrides, isolates and marks (which can make text read backwards),
 * zero-width space and byte-order mark. Zero-width (non-)joiners stay: scripts and emoji need them.
 */
const hiddenCharacters = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Half of a surrogate pair without its other half: not a character, and some renderers choke on it. */
const loneSurrogates = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function inertText(text: string, limit = untrustedTextLimit): string {
  const line = text.replace(loneSurrogates, '\ufffd').replace(hiddenCharacters, ' ').replace(/\s+/g, ' ').trim();
  // VS Code's link needs `](` with nothing between, and an icon `$(`: a space breaks each, whatever the brackets
  // around (nested or backslash-escaped ones included, which VS Code does not treat as escapes).
  const inert = line.replace(/\](?=\()/g, '] ').replace(/\$(?=\()/g, '$ ');
  const characters = Array.from(inert);
  if (characters.length <= limit) return inert;
  return limit < 1
    ? ''
    : `${characters
        .slice(0, limit - 1)
        .join('')
        .trimEnd()}…`;
}
