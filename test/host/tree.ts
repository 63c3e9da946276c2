// Reads the Racks view the way VS Code does: through its TreeDataProvider, turning TreeItems into plain rows.
import * as vscode from 'vscode';
import type { ConvoxApi } from '../../src/extension';
import type { Node } from '../../src/views/racks/racksTree';

export interface Row {
  node: Node;
  label: string;
  description: string;
  tooltip: string;
  icon: string;
  /** The icon's theme colour id, if any. */
  iconColor: string;
  contextValue: string;
}

async function row(api: ConvoxApi, node: Node): Promise<Row> {
  const item = await api.racksView.getTreeItem(node);
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : (item.tooltip ?? '');
  return {
    node,
    label,
    description: typeof item.description === 'string' ? item.description : '',
    tooltip,
    icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '',
    iconColor: item.iconPath instanceof vscode.ThemeIcon ? (item.iconPath.color?.id ?? '') : '',
    contextValue: item.contextValue ?? '',
  };
}

export async function rowsOf(api: ConvoxApi): Promise<Row[]> {
  return Promise.all(((await api.racksView.getChildren()) ?? []).map((node) => row(api, node)));
}

export async function childrenOf(api: ConvoxApi, parent: Row): Promise<Row[]> {
  return Promise.all(((await api.racksView.getChildren(parent.node)) ?? []).map((node) => row(api, node)));
}

/** The row at a path of labels from the top, e.g. ['acme', 'production']. */
export async function treeRow(api: ConvoxApi, labels: readonly string[]): Promise<Row> {
  let rows = await rowsOf(api);
  let found: Row | undefined;
  for (const label of labels) {
    found = rows.find((candidate) => candidate.label === label);
    if (!found) throw new Error(`no row "${label}" among ${rows.map((candidate) => candidate.label).join(', ')}`);
    rows = await childrenOf(api, found);
  }
  if (!found) throw new Error('an empty path names no row');
  return found;
}

/**
 * Waits until the release list the rows share has been read, so that rack rows show how far behind each rack is
 * whenever a test reads them (the rows never wait for it themselves).
 */
export async function releaseListRead(api: ConvoxApi): Promise<void> {
  await api.store.releases.releases(api.settings.releasesUrl(), 10_000);
}
