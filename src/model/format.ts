import type { Instance, Process, Rack, RackDetails, StackEvent } from './rack';
import { formatTable } from './table';

/** What the CLI prints in place of a secret. */
export const mask = '**********';
const maskedParameters = new Set(['Password', 'HttpProxy']);

/** "3 minutes ago", like the CLI's STARTED column. */
export function ago(when: Date | undefined, now: Date): string {
  if (!when) return '';
  const seconds = Math.max(0, Math.round((now.getTime() - when.getTime()) / 1000));
  const units: Array<[string, number]> = [['day', 86_400], ['hour', 3_600], ['minute', 60], ['second', 1]];
  for (const [unit, size] of units) {
    if (seconds >= size) {
      const count = Math.floor(seconds / size);
      return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
    }
  }
  return 'just now';
}

export function percent(share: number | undefined): string {
  return share === undefined ? '' : `${(share * 100).toFixed(2)}%`;
}

/** `convox rack`: the rack's summary, as label/value rows. */
export function rackSummary(rack: Rack): Array<[string, string]> {
  const router = [rack.routerHost, rack.routerInternalHost ? `${rack.routerInternalHost} (internal)` : undefined].filter(Boolean).join(', ');
  const rows: Array<[string, string]> = [
    ['Name', rack.fullName],
    ['Provider', 'aws'],
    ['Region', rack.region],
    ['Router', router],
    ['Status', rack.status],
    ['Version', rack.version ?? ''],
    ['Count', rack.instanceCount === undefined ? '' : String(rack.instanceCount)],
    ['Type', rack.instanceType ?? ''],
    ['Profile', rack.profile],
    ['Stack', `${rack.cloudformationStatus}${rack.cloudformationReason ? `: ${rack.cloudformationReason}` : ''}`],
  ];
  return rows.filter(([, value]) => value !== '');
}

/** `convox rack params`: every stack parameter plus a synthetic Tags row, secrets masked. */
export function rackParameters(rack: Rack): Array<[string, string]> {
  const rows: Array<[string, string]> = Object.entries(rack.parameters).map(([name, value]) => [name, maskedParameters.has(name) && value !== '' ? mask : value]);
  const tags = Object.entries(rack.tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  rows.push(['Tags', tags]);
  return rows.sort(([a], [b]) => a.localeCompare(b));
}

export function instanceRow(instance: Instance, now: Date): string[] {
  return [instance.id, instance.status, ago(instance.started, now), String(instance.processes), percent(instance.cpu), percent(instance.memory), instance.publicIp ?? '', instance.privateIp ?? ''];
}

export function processRow(process: Process, now: Date): string[] {
  return [process.id, process.app, process.service, process.status, process.release, ago(process.started, now), process.command];
}

export const instanceHeaders = ['ID', 'STATUS', 'STARTED', 'PS', 'CPU', 'MEM', 'PUBLIC', 'PRIVATE'];
export const processHeaders = ['ID', 'APP', 'SERVICE', 'STATUS', 'RELEASE', 'STARTED', 'COMMAND'];

function section(title: string, body: string): string {
  return `${title}\n${'-'.repeat(title.length)}\n${body}\n`;
}

/** The Inspect Rack document: what `convox rack`, `rack params`, `instances`, `rack ps`, `apps` and the last stack events show. */
export function inspectDocument(rack: Rack, details: RackDetails, processes: readonly Process[], events: readonly StackEvent[], now: Date): string {
  const labelled = (rows: Array<[string, string]>): string => formatTable(['', ''], rows).split('\n').slice(1).join('\n');
  return [
    `${rack.fullName}\n${'='.repeat(rack.fullName.length)}\n`,
    section('Rack', labelled(rackSummary(rack))),
    section('Parameters', labelled(rackParameters(rack))),
    section('Instances', formatTable(instanceHeaders, details.instances.map((instance) => instanceRow(instance, now)))),
    section('Processes', formatTable(processHeaders, processes.map((process) => processRow(process, now)))),
    section('Apps', formatTable(['NAME', 'STATUS', 'GEN'], rack.apps.map((app) => [app.name, app.status, app.generation]))),
    section(
      `Stack events (last ${events.length})`,
      formatTable(['TIME', 'RESOURCE', 'TYPE', 'STATUS', 'REASON'], events.map((event) => [event.at.toISOString(), event.resource, event.resourceType, event.status, event.reason ?? ''])),
    ),
    `Loaded ${details.loadedAt.toISOString()}\n`,
  ].join('\n');
}
