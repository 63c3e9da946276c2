import type { Instance, Process, Rack } from './rack';

/** What the CLI prints in place of a secret. */
export const mask = '**********';
const maskedParameters = new Set(['Password', 'HttpProxy']);

/** "3 minutes ago", like the CLI's STARTED column. */
export function ago(when: Date | undefined, now: Date): string {
  if (!when) return '';
  const seconds = Math.max(0, Math.round((now.getTime() - when.getTime()) / 1000));
  const units: Array<[string, number]> = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
    ['second', 1],
  ];
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

/** `convox rack`'s Router: the public router, and the internal one on a second line when there is both. */
function routerValue(rack: Rack): string {
  if (!rack.routerHost) return '';
  return rack.routerInternalHost
    ? `${rack.routerHost} (external)\n${rack.routerInternalHost} (internal)`
    : rack.routerHost;
}

/** `convox rack`'s NLB: the network load balancer's host, then its elastic IPs when the stack has them. */
function nlbValue(outputs: Readonly<Record<string, string>>): string {
  if (!outputs.NLBHost) return '';
  const addresses = ['NLBEIP0', 'NLBEIP1', 'NLBEIP2'].flatMap((key) => (outputs[key] ? [outputs[key]] : []));
  return addresses.length > 0 ? `${outputs.NLBHost} (${addresses.join(', ')})` : outputs.NLBHost;
}

/**
 * `convox rack`: the rack's summary, as label/value rows in the CLI's order, then what the extension adds. A value
 * may hold a second line, as the CLI's Router does.
 */
export function rackSummary(rack: Rack): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ['Name', rack.displayName],
    ['Provider', 'aws'],
    ['Region', rack.region],
    ['Router', routerValue(rack)],
    ['NLB', nlbValue(rack.outputs)],
    ['NLB Internal', rack.outputs.NLBInternalHost ?? ''],
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
  const rows: Array<[string, string]> = Object.entries(rack.parameters).map(([name, value]) => [
    name,
    maskedParameters.has(name) && value !== '' ? mask : value,
  ]);
  const tags = Object.entries(rack.tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  rows.push(['Tags', tags]);
  return rows.sort(([a], [b]) => a.localeCompare(b));
}

export function instanceColumns(instance: Instance, now: Date): string[] {
  return [
    instance.id,
    instance.status,
    ago(instance.started, now),
    String(instance.processes),
    percent(instance.cpu),
    percent(instance.memory),
    instance.publicIp ?? '',
    instance.privateIp ?? '',
  ];
}

export function processColumns(process: Process, now: Date): string[] {
  return [
    process.id,
    process.app,
    process.service,
    process.status,
    process.release,
    ago(process.started, now),
    process.command,
  ];
}

export const instanceHeaders = ['ID', 'STATUS', 'STARTED', 'PS', 'CPU', 'MEM', 'PUBLIC', 'PRIVATE'];
export const processHeaders = ['ID', 'APP', 'SERVICE', 'STATUS', 'RELEASE', 'STARTED', 'COMMAND'];
