/**
 * Text that came from outside (AWS, a rack, a template) shown in a notification, an input box or a quick pick.
 * VS Code turns `[label](target)` there into a link that runs `target`, `command:` URIs included, so the link
 * syntax is broken apart; the text becomes one line without control characters and is cut to `limit`.
 */

/** Longest untrusted text a notification or prompt shows; the log keeps the whole of it. */
export const untrustedTextLimit = 400;

const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;

export function inertText(text: string, limit = untrustedTextLimit): string {
  const line = text.replace(controlCharacters, ' ').replace(/\s+/g, ' ').trim();
  // "] (" no longer parses as a link, and a bare `[` before `(` cannot start one.
  const inert = line.replace(/\]\s*\(/g, '] (');
  if (inert.length <= limit) return inert;
  return `${Array.from(inert).slice(0, Math.max(0, limit - 1)).join('')}…`;
}
