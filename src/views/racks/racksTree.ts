import * as vscode from 'vscode';
import type { RackId } from '../../model/identity';
import type { Release } from '../../model/install/releases';
import type { DiscoveryError, Rack, RackDetails } from '../../model/rack';
import { lastSeenRackRow, organizationEntries } from '../../model/racks/lastSeenRows';
import {
  appRow,
  errorRow,
  groupRow,
  instanceRow,
  organizationRow,
  parameterRows,
  problemRow,
  processRow,
  rackRow,
  type RackWatchState,
  type Group,
  type Row,
} from '../../model/racks/rows';
import { releaseStanding, withReleaseStanding } from '../../model/racks/releasesBehind';
import type { StoreChange } from '../../model/store/changes';
import type { LastSeenRack } from '../../model/store/lastSeenRacks';
import type { RackStore } from '../../model/store/rackStore';
import { releasesUrl } from '../shared/settings';
import { treeItem } from './treeItem';
import { messageOf } from '../../model/errorMessage';

/** How long after handing over the organisations `firstDrawn` settles if none of them is opened. */
const collapsedOrganizationsMs = 500;
/** How long no organisation's rows are asked for before the rows count as drawn. */
const lastOrganizationQuietMs = 60;

/** A rack node names its rack by stack id, so one node object stands for the rack across refreshes. */
export type Node =
  | { kind: 'organization'; name: string }
  | { kind: 'rack'; stackId: string }
  | { kind: 'error'; error: DiscoveryError }
  | { kind: 'group'; stackId: string; group: Group; count: number }
  | { kind: 'row'; row: Row };

/**
 * The Racks view's data: organisations → racks → Apps, Instances, Processes, Parameters. It reads only the
 * store; a store change redraws the whole tree only when the list changed, else just the racks that changed.
 * A rack whose children are shown is watched, so its details stay as fresh as the list. Racks known only from the
 * last session are drawn as last seen, with nothing to expand, until an answer lists them.
 */
export class RacksTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | Node[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly rackNodes = new Map<string, Node & { kind: 'rack' }>();
  private readonly organizationNodes = new Map<string, Node & { kind: 'organization' }>();
  /** What each organisation row showed when last drawn: its counts and colour follow its racks' statuses. */
  private readonly drawnOrganizations = new Map<string, string>();
  private readonly watches = new Map<string, ReturnType<RackStore['watch']>>();
  private visible = false;
  private drawnCurrent: string | undefined;
  private readonly unsubscribe: () => void;
  /** What alerts say of each rack's row (marked for watching, needing attention); nothing until alerts start. */
  private watchStateOf: (stackId: string) => RackWatchState | undefined = () => undefined;
  /** Settles `firstDrawn`, once. */
  private drawn: (() => void) | undefined;
  private drawTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Settles once VS Code has stopped asking for organisations' rows for a moment (it draws when every open one's
   * rows have arrived), or a while after it was given the organisations (they may all be collapsed).
   */
  readonly firstDrawn = new Promise<void>(
    (resolve) =>
      (this.drawn = () => {
        this.drawn = undefined;
        resolve();
      }),
  );

  constructor(
    private readonly store: RackStore,
    private readonly currentRack: () => RackId | undefined,
  ) {
    this.unsubscribe = store.onDidChange((change) => this.redraw(change));
    this.drawnCurrent = currentRack();
  }

  /** The current rack moved: redraws the rows of the racks it left and reached. */
  currentChanged(): void {
    const ids = new Set([this.drawnCurrent, this.currentRack()]);
    this.drawnCurrent = this.currentRack();
    const nodes = [...this.store.racks(), ...this.store.lastSeen()].flatMap((rack) =>
      ids.has(rack.stackId) ? (this.rackNodes.get(rack.stackId) ?? []) : [],
    );
    if (nodes.length > 0) this.changed.fire(nodes);
  }

  /** Alerts tell what to add to rack rows; their rows are drawn again whenever `watchChanged` is called. */
  setWatchState(of: (stackId: string) => RackWatchState | undefined): void {
    this.watchStateOf = of;
  }

  watchChanged(stackIds: Iterable<string>): void {
    const nodes = [...stackIds].flatMap((stackId) => this.rackNodes.get(stackId) ?? []);
    if (nodes.length > 0) this.changed.fire(nodes);
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.watches.forEach((watch) => watch.setVisible(visible));
  }

  /** The rack was collapsed: its details need no longer be kept fresh. */
  collapsed(node: Node): void {
    if (node.kind !== 'rack') return;
    this.watches.get(node.stackId)?.dispose();
    this.watches.delete(node.stackId);
  }

  /** The rack a node stands for, if it is still listed. */
  rackOf(node: Node): Rack | undefined {
    return node.kind === 'rack' || node.kind === 'group'
      ? this.store.racks().find((rack) => rack.stackId === node.stackId)
      : undefined;
  }

  /** The rack a row drawn from the last-seen cache stands for: never one to act on as it is. */
  lastSeenOf(node: Node): LastSeenRack | undefined {
    return node.kind === 'rack' ? this.store.lastSeenById(node.stackId) : undefined;
  }

  dispose(): void {
    this.unsubscribe();
    this.watches.forEach((watch) => watch.dispose());
    this.changed.dispose();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'organization': {
        const row = this.organizationRowOf(node.name);
        this.drawnOrganizations.set(node.name, JSON.stringify(row));
        return treeItem(row);
      }
      case 'rack': {
        const rack = this.rackOf(node);
        if (rack)
          return this.rackItem(
            rack,
            rackRow(
              rack,
              this.currentRack() === rack.stackId,
              this.store.progressOf(rack.stackId),
              this.watchStateOf(rack.stackId),
            ),
          );
        const seen = this.lastSeenOf(node);
        return seen
          ? treeItem(lastSeenRackRow(seen, this.currentRack() === seen.stackId, Date.now()))
          : new vscode.TreeItem('');
      }
      case 'error':
        return treeItem(errorRow(node.error));
      case 'group': {
        const rack = this.rackOf(node);
        return rack ? treeItem(groupRow(rack, node.group, node.count)) : new vscode.TreeItem('');
      }
      case 'row':
        return treeItem(node.row);
    }
  }

  /** A rack's organisation, so the view can reveal a rack row (the architecture panel's Reveal in Racks View). */
  getParent(node: Node): Node | undefined {
    const rack = node.kind === 'rack' ? (this.rackOf(node) ?? this.lastSeenOf(node)) : undefined;
    return rack ? this.organizationNode(rack.organization) : undefined;
  }

  /** The row of a listed rack, for revealing it. */
  nodeOf(rack: Rack): Node {
    return this.rackNode(rack.stackId);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      if (this.drawn) setTimeout(this.drawn, collapsedOrganizationsMs);
      return this.organizations();
    }
    switch (node.kind) {
      case 'organization': {
        if (this.drawn) {
          clearTimeout(this.drawTimer);
          this.drawTimer = setTimeout(this.drawn, lastOrganizationQuietMs);
        }
        return organizationEntries(this.racksOf(node.name), this.lastSeenIn(node.name), this.errorsOf(node.name)).map(
          (entry): Node => (entry.kind === 'rack' ? this.rackNode(entry.stackId) : entry),
        );
      }
      case 'rack': {
        const rack = this.rackOf(node);
        if (!rack) return [];
        this.watchExpanded(rack);
        return this.rackChildren(rack);
      }
      case 'group': {
        const rack = this.rackOf(node);
        return rack ? (await this.groupRows(rack, node.group)).map((row): Node => ({ kind: 'row', row })) : [];
      }
      default:
        return [];
    }
  }

  private redraw(change: StoreChange): void {
    if (change.list) return this.changed.fire(undefined);
    const racks = this.store.racks().filter((rack) => change.racks.has(rack.stackId));
    const nodes: Node[] = racks.flatMap((rack) => this.rackNodes.get(rack.stackId) ?? []);
    for (const organization of new Set(racks.map((rack) => rack.organization))) {
      const row = JSON.stringify(this.organizationRowOf(organization));
      const node = this.organizationNodes.get(organization);
      if (node && row !== this.drawnOrganizations.get(organization)) nodes.push(node);
    }
    if (nodes.length > 0) this.changed.fire(nodes);
  }

  private rackNode(stackId: string): Node & { kind: 'rack' } {
    let node = this.rackNodes.get(stackId);
    if (!node) {
      node = { kind: 'rack', stackId };
      this.rackNodes.set(stackId, node);
    }
    return node;
  }

  private watchExpanded(rack: Rack): void {
    if (this.watches.has(rack.stackId)) return;
    const watch = this.store.watch(rack);
    watch.setVisible(this.visible);
    this.watches.set(rack.stackId, watch);
  }

  private racksOf(organization: string): Rack[] {
    return this.store.racks().filter((rack) => rack.organization === organization);
  }

  private errorsOf(organization: string): DiscoveryError[] {
    return this.store.errors().filter((error) => error.organization === organization);
  }

  private lastSeenIn(organization: string): LastSeenRack[] {
    return this.store.lastSeen().filter((rack) => rack.organization === organization);
  }

  private organizationRowOf(name: string): Row {
    return organizationRow(name, this.racksOf(name), this.errorsOf(name).length, this.lastSeenIn(name).length);
  }

  private organizations(): Node[] {
    const names = new Set([
      ...this.store.racks().map((rack) => rack.organization),
      ...this.store.lastSeen().map((rack) => rack.organization),
      ...this.store.errors().map((error) => error.organization),
    ]);
    return [...names].sort((a, b) => a.localeCompare(b)).map((name) => this.organizationNode(name));
  }

  private organizationNode(name: string): Node {
    let node = this.organizationNodes.get(name);
    if (!node) {
      node = { kind: 'organization', name };
      this.organizationNodes.set(name, node);
    }
    return node;
  }

  /** A rack's row with how far behind its release is, once the release list was read. */
  private rackItem(rack: Rack, row: Row): vscode.TreeItem {
    return treeItem(withReleaseStanding(row, releaseStanding(rack, this.knownReleases(rack), new Date())));
  }

  /**
   * The release list as last read, asked for AWS racks with a version only (nothing else starts a read); a
   * malformed convox.releasesUrl leaves it out (Install and Update say what is wrong with it).
   */
  private knownReleases(rack: Rack): readonly Release[] | undefined {
    if (rack.local || !rack.version) return undefined;
    try {
      return this.store.knownReleases(releasesUrl());
    } catch {
      return undefined;
    }
  }

  private async rackChildren(rack: Rack): Promise<Node[]> {
    const groups = (details: RackDetails | undefined): Node[] => [
      { kind: 'group', stackId: rack.stackId, group: 'apps', count: rack.apps.length },
      ...(details
        ? ([
            { kind: 'group', stackId: rack.stackId, group: 'instances', count: details.instances.length },
            { kind: 'group', stackId: rack.stackId, group: 'processes', count: details.tasks.length },
          ] as Node[])
        : []),
      { kind: 'group', stackId: rack.stackId, group: 'parameters', count: Object.keys(rack.parameters).length + 1 },
    ];
    try {
      return groups(await this.store.details(rack));
    } catch (error) {
      return [{ kind: 'row', row: problemRow(rack, messageOf(error)) }, ...groups(undefined)];
    }
  }

  private async groupRows(rack: Rack, group: Group): Promise<Row[]> {
    const now = new Date();
    switch (group) {
      case 'apps':
        return rack.apps.map((app) => appRow(rack, app));
      case 'parameters':
        return parameterRows(rack);
      case 'instances':
        return (await this.store.details(rack)).instances.map((instance) => instanceRow(rack, instance, now));
      case 'processes':
        return (await this.store.processes(rack)).map((process) => processRow(rack, process, now));
    }
  }
}
