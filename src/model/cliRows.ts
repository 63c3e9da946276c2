import type { Instance, Process, Rack } from './rack';

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
    ['Name', rack.displayName],
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

export function instanceColumns(instance: Instance, now: Date): string[] {
  return [instance.id, instance.status, ago(instance.started, now), String(instance.processes), percent(instance.cpu), percent(instance.memory), instance.publicIp ?? '', instance.privateIp ?? ''];
}

export function processColumns(process: Process, now: Date): string[] {
  return [process.id, process.app, process.service, process.status, process.release, ago(process.started, now), process.command];
}

export const instanceHeaders = ['ID', 'STATUS', 'STARTED', 'PS', 'CPU', 'MEM', 'PUBLIC', 'PRIVATE'];
export const processHeaders = ['ID', 'APP', 'SERVICE', 'STATUS', 'RELEASE', 'STARTED', 'COMMAND'];
