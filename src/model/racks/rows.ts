import { localRackSummary } from '../local/localRacks';
import {
  ago,
  instanceColumns,
  instanceHeaders,
  percent,
  processColumns,
  processHeaders,
  rackParameters,
  rackSummary,
} from '../cliRows';
import { escapeMarkdown, markdownRows } from '../markdown';
import type { App, DiscoveryError, DiscoveryErrorKind, Instance, Process, Rack } from '../rack';
import { statusStyle, worstStatus } from '../statusStyle';

/** A codicon id and an optional theme colour id. */
export interface RowIcon {
  id: string;
  color?: string;
}

/** Everything a row of the Racks view shows, as plain data; views/racks turns it into a TreeItem. */
export interface Row {
  /** Stable across refreshes, so VS Code keeps the row's expansion and selection. */
  id: string;
  label: string;
  description: string;
  icon: RowIcon;
  /** Markdown with every AWS string escaped, or plain text. */
  tooltip?: { markdown: string } | { text: string };
  contextValue?: string;
  accessibilityLabel?: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
}

export type Group = 'apps' | 'instances' | 'processes' | 'parameters';

/** Short enough for a row; the tooltip carries the whole message with what to do. */
const errorSummaries: Record<DiscoveryErrorKind, string> = {
  'expired-credentials': 'credentials expired: sign in again, then Retry',
  'access-denied': 'access denied',
  throttled: 'throttled by AWS: Retry in a minute',
  network: 'AWS unreachable',
  configuration: 'configuration problem: fix it, then Refresh',
  other: 'discovery failed',
};

export function errorSummary(kind: DiscoveryErrorKind): string {
  return errorSummaries[kind];
}

const groups: Record<Group, { title: string; icon: string }> = {
  apps: { title: 'Apps', icon: 'package' },
  instances: { title: 'Instances', icon: 'server' },
  processes: { title: 'Processes', icon: 'pulse' },
  parameters: { title: 'Parameters', icon: 'settings' },
};

function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * An organisation: how many racks (`lastSeen` of them drawn from the cache, not listed yet) and errors, and the icon
 * of the status among the listed racks that needs looking at.
 */
export function organizationRow(name: string, racks: readonly Rack[], errors: number, lastSeen = 0): Row {
  const worst = worstStatus(racks.map((rack) => rack.status));
  const attention = worst !== undefined && statusStyle(worst).severity >= statusStyle('rollback').severity;
  return {
    id: `organization/${name}`,
    label: name,
    description: [counted(racks.length + lastSeen, 'rack'), errors > 0 ? counted(errors, 'error') : '']
      .filter(Boolean)
      .join(', '),
    icon: attention ? { id: 'organization', color: statusStyle(worst).color } : { id: 'organization' },
    contextValue: 'organization',
    collapsible: 'expanded',
  };
}

/** A rack row's label under its organisation: the stack name, with the qualifier its display name may carry. */
function shortName(rack: Rack): string {
  return `${rack.name}${rack.displayName.slice(rack.fullName.length)}`;
}

/** What alerts add to a rack's row: whether it is watched, and what needs attention since when. */
export interface RackWatchState {
  watched: boolean;
  attention?: string;
}

/**
 * A rack as `convox racks` lists it, its tooltip what `convox rack` shows; `contextValue` is
 * `rack[.current].<status>[.watched]`. `progress` is what an install, update or uninstall under way says (`45%`).
 */
export function rackRow(rack: Rack, current: boolean, progress?: string, watch?: RackWatchState): Row {
  if (rack.local) return localRackRow(rack, current);
  const style = statusStyle(rack.status);
  const attention = watch?.attention ? `\n\n**${escapeMarkdown(watch.attention)}**` : '';
  return {
    id: `rack/${rack.stackId}`,
    label: shortName(rack),
    description: [
      current ? '✓ current' : '',
      progress ? `${rack.status} ${progress}` : rack.status,
      rack.region,
      rack.version ?? '',
    ]
      .filter(Boolean)
      .join(' · '),
    icon: { id: style.icon, color: style.color },
    tooltip: { markdown: markdownRows(rack.displayName, rackSummary(rack)) + attention },
    contextValue: `rack${current ? '.current' : ''}.${rack.status}${watch?.watched ? '.watched' : ''}`,
    accessibilityLabel: `${rack.displayName}, ${style.label}${progress ? ` ${progress}` : ''}${current ? ', current rack' : ''}, ${rack.region}`,
    collapsible: 'collapsed',
  };
}

/**
 * A local rack: where it lives instead of AWS details, nothing to expand (it has no AWS resources), and
 * `contextValue` `rack[.current].running.local`, so that AWS-only actions leave it out.
 */
function localRackRow(rack: Rack, current: boolean): Row {
  const style = statusStyle(rack.status);
  const context = rack.local?.context ?? '';
  if (rack.local?.v3Rack !== undefined) return v3RackRow(rack, context);
  return {
    id: `rack/${rack.stackId}`,
    label: shortName(rack),
    description: [current ? '✓ current' : '', rack.status, context].filter(Boolean).join(' · '),
    icon: { id: style.icon, color: style.color },
    tooltip: { markdown: markdownRows(rack.displayName, localRackSummary(rack)) },
    contextValue: `rack${current ? '.current' : ''}.${rack.status}.local`,
    accessibilityLabel: `${rack.displayName}, ${style.label}${current ? ', current rack' : ''}, Kubernetes context ${context}`,
    collapsible: 'none',
  };
}

/**
 * A Convox v3 rack: its own name, "v3" and its context; `contextValue` `v3rack`, which no switch, terminal or AWS
 * action matches (only Inspect), and never current: the v2 CLI cannot reach it.
 */
function v3RackRow(rack: Rack, context: string): Row {
  return {
    id: `rack/${rack.stackId}`,
    label: rack.name,
    description: ['v3', context].filter(Boolean).join(' · '),
    icon: { id: 'server-environment' },
    tooltip: { markdown: markdownRows(rack.fullName, localRackSummary(rack)) },
    contextValue: 'v3rack',
    accessibilityLabel: `${rack.fullName}, Convox v3 rack, Kubernetes context ${context}`,
    collapsible: 'none',
  };
}

/** A (profile, region) that failed: where, the short reason, and the whole message in the tooltip. */
export function errorRow(error: DiscoveryError): Row {
  const transient = error.kind === 'throttled' || error.kind === 'network';
  return {
    id: `error/${error.profile}/${error.region}`,
    label: error.region ? `${error.profile} · ${error.region}` : error.profile,
    description: errorSummary(error.kind),
    icon: { id: transient ? 'warning' : 'error', color: 'errorForeground' },
    tooltip: { text: error.message },
    contextValue: `discoveryError.${error.kind}`,
    collapsible: 'none',
  };
}

export function groupRow(rack: Rack, group: Group, count: number): Row {
  return {
    id: `${rack.stackId}/${group}`,
    label: groups[group].title,
    description: String(count),
    icon: { id: groups[group].icon },
    contextValue: `group.${group}`,
    collapsible: count > 0 ? 'collapsed' : 'none',
  };
}

/** What could not be read for a rack, in its place among the rack's children. */
export function problemRow(rack: Rack, problem: string): Row {
  const text = `Could not load instances and processes: ${problem} Collapse and expand the rack to retry.`;
  return {
    id: `${rack.stackId}/problem`,
    label: text,
    description: '',
    icon: { id: 'warning', color: 'problemsWarningIcon.foreground' },
    tooltip: { text },
    collapsible: 'none',
  };
}

export function appRow(rack: Rack, app: App): Row {
  return {
    id: `${rack.stackId}/app/${app.name}`,
    label: app.name,
    description: `${app.status} · gen ${app.generation}`,
    icon: { id: 'package' },
    tooltip: { text: `${app.name}: ${app.status} (${app.cloudformationStatus})` },
    collapsible: 'none',
  };
}

/** Every `convox rack params` row, secrets masked, plus Tags. */
export function parameterRows(rack: Rack): Row[] {
  return rackParameters(rack).map(([name, value]) => ({
    id: `${rack.stackId}/parameter/${name}`,
    label: name,
    description: value,
    icon: { id: 'symbol-property' },
    collapsible: 'none',
  }));
}

function columnsTooltip(title: string, headers: readonly string[], columns: readonly string[]): Row['tooltip'] {
  return {
    markdown: markdownRows(
      title,
      headers.map((header, column) => [header, columns[column]] as const),
    ),
  };
}

/** A server as `convox instances` prints it. */
export function instanceRow(rack: Rack, instance: Instance, now: Date): Row {
  return {
    id: `${rack.stackId}/instance/${instance.id}`,
    label: instance.id,
    description: [
      instance.status,
      `${instance.processes} ps`,
      `cpu ${percent(instance.cpu) || '-'}`,
      `mem ${percent(instance.memory) || '-'}`,
      instance.privateIp,
      instance.publicIp,
      ago(instance.started, now),
    ]
      .filter(Boolean)
      .join(' · '),
    icon: { id: 'vm' },
    tooltip: columnsTooltip(instance.id, instanceHeaders, instanceColumns(instance, now)),
    collapsible: 'none',
  };
}

/** A container as `convox rack ps` prints it. */
export function processRow(rack: Rack, process: Process, now: Date): Row {
  return {
    id: `${rack.stackId}/process/${process.id}`,
    label: process.id,
    description: [process.app, process.service, process.status, process.release, ago(process.started, now)]
      .filter(Boolean)
      .join(' · '),
    icon: { id: 'symbol-event' },
    tooltip: columnsTooltip(process.id, processHeaders, processColumns(process, now)),
    collapsible: 'none',
  };
}
