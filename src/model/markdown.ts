/**
 * Markdown that shows AWS strings as text: every character Markdown gives a meaning is escaped (so no HTML, no
 * links, no emphasis), and line breaks become ", " so one value stays on one line.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (character) => `\\${character}`).replace(/\s*\n\s*/g, ', ');
}

/** A bold title, then one `Label: value` line per row, everything escaped. */
export function markdownRows(title: string, rows: ReadonlyArray<readonly [string, string]>): string {
  return `**${escapeMarkdown(title)}**\n\n${rows.map(([label, value]) => `${escapeMarkdown(label)}: ${escapeMarkdown(value)}`).join('  \n')}`;
}
