import {
  instanceColumns,
  instanceHeaders,
  processColumns,
  processHeaders,
  rackParameters,
  rackSummary,
} from '../cliRows';
import type { Process, Rack, RackDetails } from '../rack';
import type { StackEvent } from '../stackEvents';
import { localRackSummary } from '../local/localRacks';
import { formatTable } from '../table';

/** Label/value rows as the CLI prints them: a value's further lines under it, with no label. */
function labelled(rows: ReadonlyArray<readonly [string, string]>): string {
  const lines = rows.flatMap(([label, value]) =>
    value.split('\n').map((line, index): [string, string] => [index === 0 ? label : '', line]),
  );
  return formatTable(['', ''], lines).split('\n').slice(1).join('\n');
}

function section(title: string, body: string): string {
  return `${title}\n${'-'.repeat(title.length)}\n${body}\n`;
}

/** The Inspect Rack document: what `convox rack`, `rack params`, `instances`, `rack ps`, `apps` and the last stack events show. */
export function inspectDocument(
  rack: Rack,
  details: RackDetails,
  processes: readonly Process[],
  events: readonly StackEvent[],
  now: Date,
): string {
  return [
    `${rack.displayName}\n${'='.repeat(rack.displayName.length)}\n`,
    section('Rack', labelled(rackSummary(rack))),
    section('Parameters', labelled(rackParameters(rack))),
    section(
      'Instances',
      formatTable(
        instanceHeaders,
        details.instances.map((instance) => instanceColumns(instance, now)),
      ),
    ),
    section(
      'Processes',
      formatTable(
        processHeaders,
        processes.map((process) => processColumns(process, now)),
      ),
    ),
    section(
      'Apps',
      formatTable(
        ['NAME', 'STATUS', 'GEN'],
        rack.apps.map((app) => [app.name, app.status, app.generation]),
      ),
    ),
    section(
      `Stack events (last ${events.length})`,
      formatTable(
        ['TIME', 'RESOURCE', 'TYPE', 'STATUS', 'REASON'],
        events.map((event) => [
          event.at.toISOString(),
          event.logicalId,
          event.resourceType,
          event.status,
          event.reason ?? '',
        ]),
      ),
    ),
    `Loaded ${details.loadedAt.toISOString()}\n`,
  ].join('\n');
}

/** The Inspect Rack document of a local rack: what is known without AWS, where it lives. */
export function localInspectDocument(rack: Rack): string {
  return [
    `${rack.displayName}\n${'='.repeat(rack.displayName.length)}\n`,
    section('Rack', labelled(localRackSummary(rack))),
    'A local rack runs in a Kubernetes namespace, not on AWS: it has no stack, instances or parameters to show.\n',
  ].join('\n');
}
