import * as vscode from 'vscode';
import type { Row, RowIcon } from '../../model/racks/rows';

const collapsibleStates: Record<Row['collapsible'], vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

export function themeIcon(icon: RowIcon): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
}

/** A model row as VS Code draws it; Markdown tooltips run no HTML and no command links. */
export function treeItem(row: Row): vscode.TreeItem {
  const item = new vscode.TreeItem(row.label, collapsibleStates[row.collapsible]);
  item.id = row.id;
  item.description = row.description;
  item.iconPath = themeIcon(row.icon);
  if (row.tooltip && 'markdown' in row.tooltip) {
    const markdown = new vscode.MarkdownString(row.tooltip.markdown, false);
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    item.tooltip = markdown;
  } else {
    item.tooltip = row.tooltip?.text;
  }
  item.contextValue = row.contextValue;
  if (row.accessibilityLabel) item.accessibilityInformation = { label: row.accessibilityLabel };
  return item;
}
