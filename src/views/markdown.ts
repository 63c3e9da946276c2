import * as vscode from 'vscode';

/** Markdown that shows AWS strings as text: every markup character escaped, no HTML, no command links. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (character) => `\\${character}`).replace(/\s*\n\s*/g, ', ');
}

/** A title, then one `Label: value` line per row. */
export function markdownTable(title: string, rows: ReadonlyArray<readonly [string, string]>): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(undefined, false);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  markdown.appendMarkdown(`**${escapeMarkdown(title)}**\n\n`);
  markdown.appendMarkdown(rows.map(([label, value]) => `${escapeMarkdown(label)}: ${escapeMarkdown(value)}`).join('  \n'));
  return markdown;
}
