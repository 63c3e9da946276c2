import type { Rack } from '../rack';
import type { ServerLifecycle } from '../status';

/**
 * What is wrong with a watched rack: `rolling-back` (a rollback under way), `rolled-back` (UPDATE_ROLLBACK_COMPLETE:
 * the rack runs, the update was undone), `failed`, `too-long` (updating or converging past the limit), `server` (a
 * server waiting in a lifecycle hook longer than the hook allows), `gone` (a listing no longer has the stack).
 */
export type AlertKind = 'rolling-back' | 'rolled-back' | 'failed' | 'too-long' | 'server' | 'gone';
export type AlertSeverity = 'error' | 'warning';

export const severityOf: Record<AlertKind, AlertSeverity> = {
  'rolling-back': 'error',
  'rolled-back': 'error',
  failed: 'error',
  gone: 'error',
  'too-long': 'warning',
  server: 'warning',
};

/**
 * How long a server may wait in the rack template's lifecycle hooks (`HeartbeatTimeout`): 600 s launching, 300 s
 * terminating (draining its tasks), after which Auto Scaling goes on without it.
 */
export const hookTimeoutMs = { launching: 600_000, terminating: 300_000 };

/** The template's rolling update waits up to `PauseTime: PT15M` for servers: the default limit of updating or converging. */
export const defaultConvergingLimitMs = 15 * 60_000;

/** One look at a watched rack. `rack` undefined: a listing of its pair that succeeded had no such stack. */
export interface RackLook {
  stackId: string;
  displayName: string;
  rack?: Rack;
  /** The servers of its `Instances` group, when Auto Scaling was read for it this time. */
  servers?: readonly ServerLifecycle[];
}

/** An episode told to the person: kept (bounded) across reloads so that it is told only once. */
export interface ToldEpisode {
  stackId: string;
  displayName: string;
  kind: AlertKind;
  /** When the trouble began (ms since the epoch), as far as the looks tell. */
  since: number;
  toldAt: number;
}

/** What needs the person's attention now, by rack: the badge, the status bar and the row's tooltip read it. */
export interface Attention {
  kind: AlertKind;
  severity: AlertSeverity;
  since: number;
  /** CloudFormation's or the servers' words, for the notification when Diagnose cannot say more. */
  detail?: string;
}

export interface Alert extends Attention {
  stackId: string;
  displayName: string;
}

export interface Resolution {
  stackId: string;
  displayName: string;
  kind: AlertKind;
}

export interface Observed {
  alerts: Alert[];
  resolved: Resolution[];
}

/** Where told episodes are kept between sessions. */
export interface EpisodeKeeper {
  load(): ToldEpisode[];
  save(episodes: readonly ToldEpisode[]): void;
}

/** Told episodes kept at most: the oldest go first. */
export const maxToldEpisodes = 100;

const rollingBack = new Set([
  'ROLLBACK_IN_PROGRESS',
  'UPDATE_ROLLBACK_IN_PROGRESS',
  'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
]);
const failed = new Set(['ROLLBACK_COMPLETE', 'UPDATE_ROLLBACK_FAILED', 'ROLLBACK_FAILED', 'CREATE_FAILED']);
const updating = new Set(['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS']);

/** What one rack's looks remember between polls: since when it has been unsettled, and each waiting server. */
interface Memory {
  unsettledSince?: number;
  servers: Map<string, number>;
}

/** `unsettled`: neither trouble nor healthy yet, so nothing begins or ends. */
type Verdict = { trouble: Attention } | 'unsettled' | 'healthy';

const minutes = (ms: number): string => `${Math.max(1, Math.round(ms / 60_000))} min`;

/**
 * Turns looks at watched racks into episodes: an alert when one begins (told once, even across reloads), one
 * resolution when the rack runs again after it. Pure: time comes with each look.
 */
export class AlertEpisodes {
  private readonly told = new Map<string, ToldEpisode>();
  private readonly memory = new Map<string, Memory>();
  private readonly attention = new Map<string, Attention>();

  constructor(
    private readonly keeper: EpisodeKeeper,
    private convergingLimitMs = defaultConvergingLimitMs,
  ) {
    for (const episode of keeper.load()) {
      this.told.set(episode.stackId, episode);
      this.attention.set(episode.stackId, {
        kind: episode.kind,
        severity: severityOf[episode.kind],
        since: episode.since,
      });
    }
  }

  setConvergingLimit(ms: number): void {
    this.convergingLimitMs = ms;
  }

  /** Racks needing attention now, by stack id. */
  needingAttention(): ReadonlyMap<string, Attention> {
    return this.attention;
  }

  /** Whether Auto Scaling should be read for this rack: it is not plainly running, or was not at the last look. */
  wantsServers(rack: Rack, now: number): boolean {
    if (rack.status !== 'running' || rack.cloudformationStatus === 'UPDATE_ROLLBACK_COMPLETE') return true;
    if (this.memory.get(rack.stackId)?.unsettledSince !== undefined || this.attention.has(rack.stackId)) return true;
    const changedAt = (rack.updatedAt ?? rack.createdAt).getTime();
    return now - changedAt < this.convergingLimitMs;
  }

  observe(looks: readonly RackLook[], now: number): Observed {
    const alerts: Alert[] = [];
    const resolved: Resolution[] = [];
    for (const look of looks) {
      const verdict = this.verdict(look, now);
      const told = this.told.get(look.stackId);
      if (typeof verdict === 'object') {
        this.attention.set(look.stackId, verdict.trouble);
        if (!told) {
          alerts.push({ ...verdict.trouble, stackId: look.stackId, displayName: look.displayName });
          this.told.set(look.stackId, {
            stackId: look.stackId,
            displayName: look.displayName,
            kind: verdict.trouble.kind,
            since: verdict.trouble.since,
            toldAt: now,
          });
        }
      } else if (verdict === 'healthy') {
        this.attention.delete(look.stackId);
        if (told) {
          resolved.push({ stackId: look.stackId, displayName: look.displayName, kind: told.kind });
          this.told.delete(look.stackId);
        }
      }
    }
    if (alerts.length > 0 || resolved.length > 0) this.save();
    return { alerts, resolved };
  }

  /** A rack no longer watched: nothing of it needs attention; an episode told stays told. */
  forget(stackId: string): void {
    this.memory.delete(stackId);
    this.attention.delete(stackId);
  }

  private save(): void {
    const kept = [...this.told.values()].sort((a, b) => b.toldAt - a.toldAt).slice(0, maxToldEpisodes);
    this.keeper.save(kept);
  }

  private memoryOf(stackId: string): Memory {
    let memory = this.memory.get(stackId);
    if (!memory) {
      memory = { servers: new Map() };
      this.memory.set(stackId, memory);
    }
    return memory;
  }

  private verdict(look: RackLook, now: number): Verdict {
    const memory = this.memoryOf(look.stackId);
    const rack = look.rack;
    if (!rack) return { trouble: { kind: 'gone', severity: 'error', since: now, detail: 'The stack is gone.' } };
    const status = rack.cloudformationStatus;
    const since = (rack.updatedAt ?? rack.createdAt).getTime();
    const detail = rack.cloudformationReason ? `${status}: ${rack.cloudformationReason}` : status;
    if (rollingBack.has(status)) return { trouble: { kind: 'rolling-back', severity: 'error', since, detail } };
    if (status === 'UPDATE_ROLLBACK_COMPLETE')
      return { trouble: { kind: 'rolled-back', severity: 'error', since, detail } };
    if (failed.has(status)) return { trouble: { kind: 'failed', severity: 'error', since, detail } };
    if (updating.has(status)) {
      memory.unsettledSince ??= since;
      return this.tooLong(memory, now, `${status} for ${minutes(now - memory.unsettledSince)}`);
    }
    if (rack.status !== 'running') {
      memory.unsettledSince = undefined;
      return 'healthy';
    }
    const servers = look.servers;
    if (!servers) return memory.unsettledSince === undefined ? 'healthy' : 'unsettled';
    const waiting = servers.filter((server) => server.state !== 'InService');
    const seen = new Map<string, number>();
    for (const server of waiting) {
      const key = `${server.instanceId} ${server.state}`;
      seen.set(key, memory.servers.get(key) ?? now);
    }
    memory.servers = seen;
    if (waiting.length === 0) {
      memory.unsettledSince = undefined;
      return 'healthy';
    }
    memory.unsettledSince ??= now;
    const overdue = waiting.filter((server) => {
      const waited = now - (seen.get(`${server.instanceId} ${server.state}`) ?? now);
      const allowed = server.state.startsWith('Terminating') ? hookTimeoutMs.terminating : hookTimeoutMs.launching;
      return waited > allowed;
    });
    if (overdue.length > 0) {
      const first = seen.get(`${overdue[0].instanceId} ${overdue[0].state}`) ?? now;
      const names = overdue.map((server) => `${server.instanceId} (${server.state})`).join(', ');
      return {
        trouble: {
          kind: 'server',
          severity: 'warning',
          since: first,
          detail: `${names} for ${minutes(now - first)}, longer than its lifecycle hook allows`,
        },
      };
    }
    return this.tooLong(memory, now, `converging for ${minutes(now - memory.unsettledSince)}`);
  }

  private tooLong(memory: Memory, now: number, detail: string): Verdict {
    const since = memory.unsettledSince ?? now;
    return now - since > this.convergingLimitMs
      ? { trouble: { kind: 'too-long', severity: 'warning', since, detail } }
      : 'unsettled';
  }
}
