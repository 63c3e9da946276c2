import * as vscode from 'vscode';
import { ago, instanceHeaders, instanceRow, percent, processHeaders, processRow, rackParameters, rackSummary } from '../model/format';
import type { App, DiscoveryError, Rack, RackDetails, RackStatus } from '../model/rack';
import type { RackStore } from '../model/rackStore';
import { markdownTable } from './markdown';

type Group = 'apps' | 'instances' | 'processes' | 'parameters';

export type Node =
  | { kind: 'organization'; name: string }
  | { kind: 'rack'; rack: Rack }
  | { kind: 'error'; error: DiscoveryError }
  | { kind: 'group'; rack: Rack; group: Group; count: number }
  | { kind: 'leaf'; id: string; item: vscode.TreeItem }
  | { kind: 'problem'; rack: Rack; message: string };

const statusIcons: Record<RackStatus, [string, string | undefined]> = {
  running: ['pass-filled', 'testing.iconPassed'],
  converging: ['sync~spin', 'charts.yellow'],
  creating: ['sync~spin', 'charts.yellow'],
  updating: ['sync~spin', 'charts.yellow'],
  rollback: ['history', 'charts.orange'],
  failed: ['error', 'errorForeground'],
  unknown: ['question', 'errorForeground'],
  deleting: ['trash', 'disabledForeground'],
  new: ['circle-large-outline', undefined],
};

function statusIcon(status: RackStatus): vscode.ThemeIcon {
  const [icon, color] = statusIcons[status];
  return new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
}

/** Short enough for a row; the tooltip carries the whole message with what to do. */
const errorSummaries: Record<DiscoveryError['kind'], string> = {
  'expired-credentials': 'credentials expired: sign in again, then Retry',
  'access-denied': 'access denied',
  throttled: 'throttled by AWS: Retry in a minute',
  network: 'AWS unreachable',
  other: 'discovery failed',
};

const groupTitles: Record<Group, [string, string]> = {
  apps: ['Apps', 'package'],
  instances: ['Instances', 'server'],
  processes: ['Processes', 'pulse'],
  parameters: ['Parameters', 'settings'],
};

function leaf(id: string, label: string, description: string, icon: string, tooltip?: vscode.MarkdownString | string): Node {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.description = description;
  item.iconPath = new vscode.ThemeIcon(icon);
  item.tooltip = tooltip;
  return { kind: 'leaf', id, item };
}

/**
 * The Racks view: organisations → racks → Apps, Instances, Processes, Parameters. It reads only the store;
 * expanding a rack is what loads its instances and processes.
 */
export class RacksTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: RackStore,
    private readonly currentRack: () => string | undefined,
  ) {
    this.unsubscribe = store.onDidChange(() => this.changed.fire(undefined));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.unsubscribe();
    this.changed.dispose();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'organization':
        return this.organizationItem(node.name);
      case 'rack':
        return this.rackItem(node.rack);
      case 'error':
        return this.errorItem(node.error);
      case 'group': {
        const [title, icon] = groupTitles[node.group];
        const item = new vscode.TreeItem(title, node.count > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `${node.rack.stackId}/${node.group}`;
        item.description = String(node.count);
        item.iconPath = new vscode.ThemeIcon(icon);
        item.contextValue = `group.${node.group}`;
        return item;
      }
      case 'leaf':
        return node.item;
      case 'problem': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.id = `${node.rack.stackId}/problem`;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.tooltip = node.message;
        return item;
      }
    }
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return this.organizations();
    switch (node.kind) {
      case 'organization':
        return [
          ...this.store.racks().filter((rack) => rack.organization === node.name).map((rack): Node => ({ kind: 'rack', rack })),
          ...this.store.errors().filter((error) => error.organization === node.name).map((error): Node => ({ kind: 'error', error })),
        ];
      case 'rack':
        return this.rackChildren(node.rack);
      case 'group':
        return this.groupChildren(node.rack, node.group);
      default:
        return [];
    }
  }

  private organizations(): Node[] {
    const names = new Set([...this.store.racks().map((rack) => rack.organization), ...this.store.errors().map((error) => error.organization)]);
    return [...names].sort((a, b) => a.localeCompare(b)).map((name) => ({ kind: 'organization', name }));
  }

  private organizationItem(name: string): vscode.TreeItem {
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `organization/${name}`;
    const racks = this.store.racks().filter((rack) => rack.organization === name).length;
    const errors = this.store.errors().filter((error) => error.organization === name).length;
    item.description = [`${racks} rack${racks === 1 ? '' : 's'}`, errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
    item.iconPath = new vscode.ThemeIcon('organization');
    item.contextValue = 'organization';
    return item;
  }

  private rackItem(rack: Rack): vscode.TreeItem {
    const current = this.currentRack() === rack.fullName;
    const item = new vscode.TreeItem(rack.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `rack/${rack.stackId}`;
    item.description = [current ? '✓ current' : '', rack.status, rack.region, rack.version ?? ''].filter(Boolean).join(' · ');
    item.iconPath = statusIcon(rack.status);
    item.tooltip = markdownTable(rack.fullName, rackSummary(rack));
    item.contextValue = `rack${current ? '.current' : ''}.${rack.status}`;
    item.accessibilityInformation = { label: `${rack.fullName}, ${rack.status}${current ? ', current rack' : ''}, ${rack.region}` };
    return item;
  }

  private errorItem(error: DiscoveryError): vscode.TreeItem {
    const where = error.region ? `${error.profile} · ${error.region}` : error.profile;
    const item = new vscode.TreeItem(where, vscode.TreeItemCollapsibleState.None);
    item.id = `error/${error.profile}/${error.region}`;
    item.description = errorSummaries[error.kind];
    item.tooltip = error.message;
    item.iconPath = new vscode.ThemeIcon(error.kind === 'throttled' || error.kind === 'network' ? 'warning' : 'error', new vscode.ThemeColor('errorForeground'));
    item.contextValue = `discoveryError.${error.kind}`;
    return item;
  }

  private async rackChildren(rack: Rack): Promise<Node[]> {
    const groups = (details: RackDetails | undefined): Node[] => [
      { kind: 'group', rack, group: 'apps', count: rack.apps.length },
      ...(details
        ? ([
            { kind: 'group', rack, group: 'instances', count: details.instances.length },
            { kind: 'group', rack, group: 'processes', count: details.tasks.length },
          ] as Node[])
        : []),
      { kind: 'group', rack, group: 'parameters', count: Object.keys(rack.parameters).length + 1 },
    ];
    try {
      return groups(await this.store.details(rack));
    } catch (error) {
      const message = `Could not load instances and processes: ${error instanceof Error ? error.message : String(error)} Collapse and expand the rack to retry.`;
      return [{ kind: 'problem', rack, message }, ...groups(undefined)];
    }
  }

  private async groupChildren(rack: Rack, group: Group): Promise<Node[]> {
    const now = new Date();
    switch (group) {
      case 'apps':
        return rack.apps.map((app: App) => leaf(`${rack.stackId}/app/${app.name}`, app.name, `${app.status} · gen ${app.generation}`, 'package', `${app.name}: ${app.status} (${app.cloudformationStatus})`));
      case 'parameters':
        return rackParameters(rack).map(([name, value]) => leaf(`${rack.stackId}/parameter/${name}`, name, value, 'symbol-property'));
      case 'instances':
        return (await this.store.details(rack)).instances.map((instance) => {
          const row = instanceRow(instance, now);
          const description = [instance.status, `${instance.processes} ps`, `cpu ${percent(instance.cpu) || '-'}`, `mem ${percent(instance.memory) || '-'}`, instance.privateIp, instance.publicIp, ago(instance.started, now)].filter(Boolean).join(' · ');
          return leaf(`${rack.stackId}/instance/${instance.id}`, instance.id, description, 'vm', markdownTable(instance.id, instanceHeaders.map((header, column) => [header, row[column]] as const)));
        });
      case 'processes':
        return (await this.store.processes(rack)).map((process) => {
          const row = processRow(process, now);
          const description = [process.app, process.service, process.status, process.release, ago(process.started, now)].filter(Boolean).join(' · ');
          return leaf(`${rack.stackId}/process/${process.id}`, process.id, description, 'symbol-event', markdownTable(process.id, processHeaders.map((header, column) => [header, row[column]] as const)));
        });
    }
  }
}
