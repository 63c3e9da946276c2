import * as vscode from 'vscode';
import { v3Refusal } from '../../model/local/localRacks';
import type { Rack } from '../../model/rack';
import { lastSeenUnresolved } from '../../model/racks/lastSeenRows';
import type { LastSeenRack } from '../../model/store/lastSeenRacks';
import type { RefreshReason } from '../../model/store/refreshPolicy';
import type { RackStore } from '../../model/store/rackStore';
import { resolveRack } from '../../model/switch';
import { inertText } from '../../model/untrustedText';
import { inspectScheme, rackIdOf } from '../inspect/inspectDocuments';
import type { Node, RacksTree } from '../racks/racksTree';
import type { CurrentRack } from '../switch/currentRack';
import { reportFailure } from './failures';
import { knownRacks, pickRack, showUnresolved } from './rackPicker';

/** How a command asks for its rack when it is given none. */
export interface RackQuestion {
  /** The quick pick's title. */
  title: string;
  /**
   * Given no rack: act on the current one ('current'; Inspect, Architecture, Logs, Diagnose), or ask with the
   * current one preselected ('ask'; Switch and the commands that change a rack or reach it with its password).
   */
  withoutArgument: 'current' | 'ask';
  /** Which racks the command acts on; another is refused with the reason (e.g. a local rack has no stack). */
  only?: { accepts(rack: Rack): boolean; refusal(rack: Rack): string };
  /** Why racks are discovered when none were yet. */
  reason: RefreshReason;
}

/**
 * The rack a command acts on, one way for every command: a Racks view row (one drawn from the last-seen cache only
 * once a fresh answer lists it); a rack id or name given as argument
 * (by a keybinding, a notification's action, the architecture view), resolved like `convox switch` (an ambiguous
 * name is refused, naming the candidates, never guessed); an Inspect document's URI; else the current rack or a
 * pick. Undefined, with the reason shown, when there is none.
 */
export class RackArguments {
  constructor(
    private readonly store: RackStore,
    private readonly tree: RacksTree,
    private readonly current: CurrentRack,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async resolve(argument: unknown, question: RackQuestion): Promise<Rack | undefined> {
    const rack = await this.find(argument, question);
    if (rack && question.only && !question.only.accepts(rack)) {
      void vscode.window.showInformationMessage(`Convox: ${inertText(question.only.refusal(rack))}`);
      return undefined;
    }
    return rack;
  }

  private async find(argument: unknown, question: RackQuestion): Promise<Rack | undefined> {
    if (isNode(argument)) {
      const seen = this.tree.lastSeenOf(argument);
      return seen ? this.listedAgain(seen) : this.tree.rackOf(argument);
    }
    if (typeof argument === 'string') return this.named(argument, question.reason);
    if (argument instanceof vscode.Uri && argument.scheme === inspectScheme)
      return this.named(rackIdOf(argument), question.reason);
    const racks = await knownRacks(this.store, this.log, question.reason);
    if (!racks) return undefined;
    const accepted = racks.filter((rack) => question.only?.accepts(rack) ?? true);
    const current = this.current.rack();
    if (question.withoutArgument === 'current' && current && accepted.some((rack) => rack.stackId === current.stackId))
      return current;
    return pickRack(accepted, question.title, this.current.id);
  }

  /**
   * A row drawn from the last-seen cache stands for what the rack was, not what it is: the racks are read again
   * first (joining a refresh under way), and the command acts on the rack with that stack id as listed then, or
   * on nothing, saying why.
   */
  private async listedAgain(seen: LastSeenRack): Promise<Rack | undefined> {
    try {
      await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Convox: reading ${inertText(seen.displayName)} again before acting on it…`,
        },
        () => this.store.refresh('last-seen rack'),
      );
    } catch (error) {
      await reportFailure(this.log, 'Finding racks failed', error);
      return undefined;
    }
    const rack = this.store.byId(seen.stackId);
    if (rack) return rack;
    const stillSeen = this.store.lastSeenById(seen.stackId) !== undefined;
    showUnresolved(lastSeenUnresolved(seen, stillSeen, this.store.errors(), Date.now()));
    return undefined;
  }

  private async named(query: string, reason: RefreshReason): Promise<Rack | undefined> {
    const racks = await knownRacks(this.store, this.log, reason);
    if (!racks) return undefined;
    let resolution = resolveRack(query, racks);
    if ('error' in resolution && resolution.candidates.length === 0) {
      // A rack just installed or changed (named by its notification) may not be in the last discovery yet.
      await this.store.refresh('manual').catch(() => undefined);
      resolution = resolveRack(query, this.store.racks());
    }
    if ('rack' in resolution) return resolution.rack;
    showUnresolved(resolution.error);
    return undefined;
  }
}

/** A Racks view row, as VS Code hands it to a row's inline action or context menu. */
function isNode(argument: unknown): argument is Node {
  return typeof argument === 'object' && argument !== null && 'kind' in argument && !(argument instanceof vscode.Uri);
}

/** For a command on a rack's AWS resources: a local rack (a Kubernetes namespace) has none, and is refused saying so. */
export function awsRacksOnly(what: string): NonNullable<RackQuestion['only']> {
  return {
    accepts: (rack) => !rack.local,
    refusal: (rack) =>
      `${rack.displayName} is a local rack (Kubernetes namespace ${rack.local?.namespace ?? ''}): it has no ${what}.`,
  };
}

/** For Switch and terminals: a Convox v3 rack is out of the v2 CLI's reach, and is refused saying so. */
export const reachableByV2Cli: NonNullable<RackQuestion['only']> = {
  accepts: (rack) => v3Refusal(rack) === undefined,
  refusal: (rack) => v3Refusal(rack) ?? '',
};
