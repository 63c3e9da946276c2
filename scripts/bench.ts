// `npm run bench [-- --json] [-- --runs N]`: discovery against the local simulator at 100 ms per call.
// Prints medians of several runs as a table (or one JSON object with --json).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AwsRackSource } from '../src/aws/rackSource';
import { formatTable } from '../src/model/table';
import { awsConfigFor, benchScenario, startSimulator } from '../test/sim';

const latencyMs = 100;
const shape = { profiles: 4, regions: 16, stacksPerRegion: 250, racksPerRegion: 5 };
const pagesPerRegion = Math.ceil(shape.stacksPerRegion / 100);

interface DiscoveryRun {
  firstRackMs: number;
  completeMs: number;
  calls: number;
  racks: number;
  errors: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function discoveryRun(): Promise<DiscoveryRun> {
  const scenario = benchScenario(shape);
  const sim = await startSimulator({ scenario, latencyMs });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-bench-'));
  try {
    const aws = awsConfigFor(sim, scenario);
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    fs.writeFileSync(process.env.AWS_CONFIG_FILE, aws.config);
    fs.writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, aws.credentials);
    const source = new AwsRackSource();
    const started = performance.now();
    let firstRackMs = Number.NaN;
    const settings = { regions: aws.settings['convox.regions'], organizations: aws.settings['convox.organizations'] };
    const scan = await source.startDiscovery(settings, undefined, (result) => {
      if (Number.isNaN(firstRackMs) && result.racks.length > 0) firstRackMs = performance.now() - started;
    });
    await scan.finished;
    const completeMs = performance.now() - started;
    source.clients.reset();
    return { firstRackMs, completeMs, calls: sim.calls.count({ service: 'cloudformation' }), racks: scan.inventory.racks().length, errors: scan.inventory.errors().length };
  } finally {
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, runs: { type: 'string', default: '5' } } });
  const runs: DiscoveryRun[] = [];
  for (let run = 0; run < Number(values.runs); run++) runs.push(await discoveryRun());
  const pairs = shape.profiles * shape.regions;
  const discovery = {
    firstRackMs: Math.round(median(runs.map((run) => run.firstRackMs))),
    completeMs: Math.round(median(runs.map((run) => run.completeMs))),
    floorMs: pagesPerRegion * latencyMs,
    sequentialMs: pairs * pagesPerRegion * latencyMs,
    calls: median(runs.map((run) => run.calls)),
    minimumCalls: pairs * pagesPerRegion,
    racks: median(runs.map((run) => run.racks)),
    errors: Math.max(...runs.map((run) => run.errors)),
    runs: runs.length,
  };
  if (values.json) {
    console.log(JSON.stringify({ discovery }, null, 2));
    return;
  }
  console.log(`Discovery: ${shape.profiles} profiles × ${shape.regions} regions, ${shape.stacksPerRegion} stacks per region (${shape.racksPerRegion} racks), ${latencyMs} ms per call; medians of ${runs.length} runs`);
  console.log(
    formatTable(
      ['MEASURE', 'VALUE'],
      [
        ['time to first rack', `${discovery.firstRackMs} ms`],
        ['time to complete', `${discovery.completeMs} ms`],
        ['floor (pages per region × latency)', `${discovery.floorMs} ms`],
        ['complete / floor', (discovery.completeMs / discovery.floorMs).toFixed(2)],
        ['sequential cost (every call in a row)', `${discovery.sequentialMs} ms`],
        ['API calls made', String(discovery.calls)],
        ['API calls needed (one per page)', String(discovery.minimumCalls)],
        ['racks found', String(discovery.racks)],
        ['error entries', String(discovery.errors)],
      ],
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
