// `npm run bench [-- --json] [-- --runs N]`: the extension's AWS work measured against the local simulator.
// Prints medians of several runs as tables (or one JSON object with --json). Timings are for comparison
// on one machine, never pass/fail.
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { AwsPorts } from '../src/aws';
import { planDiscovery } from '../src/model/discoveryPlan';
import type { ScanSettings } from '../src/model/settings';
import { RackStore } from '../src/model/store/rackStore';
import { formatTable } from '../src/model/table';
import { alertsTable, measureAlerts } from './alertsBench';
import { architectureTable, measureArchitecture } from './architectureBench';
import { median, withSimulator } from './benchWorld';
import { boundsTable, measureBounds } from './boundsBench';
import { faultsTable, measureFaults } from './faultsBench';
import { installTable, measureInstall } from './installBench';
import { logsTable, measureLogs } from './logsBench';
import { measureUpdate, updateTable } from './updateBench';
import { plainHttpListing, type PlainRun } from './plainHttp';
import { sdkFloorListing } from './sdkFloor';
import { measureScale, scaleTable } from './scaleBench';
import { measureStartup, startupTable } from './startup';
import type { SimulatorWorker } from '../test/sim/worker';
import { main } from '../test/runner/processes';
import { VirtualClock } from '../test/virtualClock';

const latencyMs = 100;
/** The extension's default deadline for one pair (convox.requestTimeout). */
const deadlineMs = 30_000;
const shape = { profiles: 4, regions: 16, stacksPerRegion: 250, racksPerRegion: 5 };
const pagesPerRegion = Math.ceil(shape.stacksPerRegion / 100);

interface DiscoveryRun {
  firstRackMs: number;
  completeMs: number;
  /** Time the extension's own thread was busy (not waiting on the network) during discovery. */
  busyMs: number;
  calls: number;
  racks: number;
  errors: number;
}

/**
 * One discovery against `sim`, timed from the start. The simulator stays up across runs, as AWS does; each run
 * has fresh clients and credentials, as the first discovery after reloading the window has.
 */
async function discoveryRun(sim: SimulatorWorker, settings: ScanSettings): Promise<DiscoveryRun> {
  await sim.reset();
  const ports = new AwsPorts();
  const loopBefore = performance.eventLoopUtilization();
  const started = performance.now();
  let firstRackMs = Number.NaN;
  let racks = 0;
  let errors = 0;
  const plan = planDiscovery(await ports.discovery.profiles(), settings);
  await ports.discovery.discover(
    plan.pairs,
    (result) => {
      if (Number.isNaN(firstRackMs) && result.racks.length > 0) firstRackMs = performance.now() - started;
      if (!result.done) return;
      racks += result.racks.length;
      if (result.error) errors += 1;
    },
    deadlineMs,
  );
  const completeMs = performance.now() - started;
  const busyMs = performance.eventLoopUtilization(loopBefore).active;
  ports.dispose();
  return { firstRackMs, completeMs, busyMs, calls: await sim.count({ service: 'cloudformation' }), racks, errors };
}

/**
 * The first run in this process (nothing compiled yet, as after VS Code starts), then `runs` more, each
 * followed by the same listing with Node's own HTTP client for comparison in the same conditions.
 */
function discoveryRuns(
  runs: number,
): Promise<{ cold: DiscoveryRun; warm: DiscoveryRun[]; plain: PlainRun[]; sdk: PlainRun[] }> {
  return withSimulator({ kind: 'bench', options: shape }, { latencyMs }, async (sim, settings) => {
    const cold = await discoveryRun(sim, settings);
    const warm: DiscoveryRun[] = [];
    const plain: PlainRun[] = [];
    const sdk: PlainRun[] = [];
    for (let run = 0; run < runs; run++) {
      warm.push(await discoveryRun(sim, settings));
      plain.push(await plainHttpListing(sim.url, sim.setup));
      sdk.push(await sdkFloorListing(sim.url, sim.setup));
    }
    return { cold, warm, plain, sdk };
  });
}

/**
 * The same listing when no stack is Convox: what the SDK costs per call with nothing left to parse. Its first
 * run warms the new simulator and is not counted.
 */
function noConvoxRuns(runs: number): Promise<DiscoveryRun[]> {
  return withSimulator(
    { kind: 'bench', options: { ...shape, racksPerRegion: 0 } },
    { latencyMs },
    async (sim, settings) => {
      const measured: DiscoveryRun[] = [];
      for (let run = 0; run <= runs; run++) measured.push(await discoveryRun(sim, settings));
      return measured.slice(1);
    },
  );
}

/**
 * API calls to expand one rack of 50 instances and 200 tasks, then to open its Processes (task definitions),
 * then both again once task definitions are cached.
 */
function expandCalls(): Promise<{
  expand: number;
  openProcesses: number;
  again: number;
  byOperation: Record<string, number>;
  instances: number;
  processes: number;
}> {
  return withSimulator({ kind: 'bigRack', options: { instances: 50, tasks: 200 } }, {}, async (sim, settings) => {
    const ports = new AwsPorts();
    const store = new RackStore(ports, () => settings, { intervalSeconds: 0 });
    await store.refresh('manual');
    const [rack] = store.racks();
    await sim.reset();
    const details = await store.details(rack);
    const byOperation = await sim.byOperation();
    const expand = await sim.count();
    await sim.reset();
    const processes = await store.processes(rack);
    const openProcesses = await sim.count();
    await sim.reset();
    await store.reloadDetails(rack, 'manual');
    await store.processes(rack);
    const again = await sim.count();
    store.dispose();
    ports.dispose();
    return {
      expand,
      openProcesses,
      again,
      byOperation,
      instances: details.instances.length,
      processes: processes.length,
    };
  });
}

/** API calls the store's refresh policy makes over 5 minutes (virtual time) with the view hidden, then visible. */
function idleCalls(): Promise<{ hidden: number; visible: number; refreshesVisible: number }> {
  return withSimulator({ kind: 'default' }, {}, async (sim, settings) => {
    const ports = new AwsPorts({ maxAttempts: 1 });
    const clock = new VirtualClock();
    let refreshes = 0;
    const countRefreshes = (message: string): void => {
      if (message.startsWith('Refreshing racks')) refreshes += 1;
    };
    const store = new RackStore(ports, () => settings, { intervalSeconds: 60, timers: clock, log: countRefreshes });
    const settle = async (): Promise<void> => {
      while (store.loading) await store.refresh('interval');
    };
    await store.refresh('manual');
    await sim.reset();
    refreshes = 0;
    store.setListVisible(false);
    clock.advance(5 * 60_000);
    await settle();
    const hidden = await sim.count();
    await sim.reset();
    store.setListVisible(true);
    await settle();
    for (let minute = 0; minute < 5; minute++) {
      clock.advance(60_000);
      await settle();
    }
    const visible = await sim.count();
    store.dispose();
    ports.dispose();
    return { hidden, visible, refreshesVisible: refreshes };
  });
}

main(async () => {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      runs: { type: 'string', default: '5' },
      'no-ui': { type: 'boolean', default: false },
    },
  });
  const { cold, warm: runs, plain, sdk } = await discoveryRuns(Number(values.runs));
  const noConvox = await noConvoxRuns(Number(values.runs));
  const pairs = shape.profiles * shape.regions;
  const discovery = {
    firstRackMs: Math.round(median(runs.map((run) => run.firstRackMs))),
    completeMs: Math.round(median(runs.map((run) => run.completeMs))),
    busyMs: Math.round(median(runs.map((run) => run.busyMs))),
    floorMs: pagesPerRegion * latencyMs,
    sequentialMs: pairs * pagesPerRegion * latencyMs,
    calls: median(runs.map((run) => run.calls)),
    minimumCalls: pairs * pagesPerRegion,
    racks: median(runs.map((run) => run.racks)),
    errors: Math.max(...runs.map((run) => run.errors)),
    runs: runs.length,
    cold: {
      firstRackMs: Math.round(cold.firstRackMs),
      completeMs: Math.round(cold.completeMs),
      busyMs: Math.round(cold.busyMs),
    },
    plainHttp: {
      completeMs: Math.round(median(plain.map((run) => run.completeMs))),
      busyMs: Math.round(median(plain.map((run) => run.busyMs))),
      calls: median(plain.map((run) => run.calls)),
    },
    sdkFloor: {
      completeMs: Math.round(median(sdk.map((run) => run.completeMs))),
      busyMs: Math.round(median(sdk.map((run) => run.busyMs))),
      calls: median(sdk.map((run) => run.calls)),
    },
    /** Each run's ratio to the Node HTTP listing right after it, in the same conditions; the median of those. */
    ratioToPlainHttp: median(runs.map((run, index) => run.completeMs / plain[index].completeMs)),
    sdkFloorRatioToPlainHttp: median(sdk.map((run, index) => run.completeMs / plain[index].completeMs)),
    noConvoxStacks: {
      completeMs: Math.round(median(noConvox.map((run) => run.completeMs))),
      busyMs: Math.round(median(noConvox.map((run) => run.busyMs))),
      calls: median(noConvox.map((run) => run.calls)),
    },
  };
  const expand = await expandCalls();
  const idle = await idleCalls();
  const faults = await measureFaults(Number(values.runs), latencyMs);
  const bounds = await measureBounds(Number(values.runs));
  const installNumbers = await measureInstall();
  const install = {
    callsPerPoll: installNumbers.callsPerPoll,
    eventToNotificationMs: installNumbers.eventToNotificationMs,
    detail: installNumbers,
  };
  const updateNumbers = await measureUpdate();
  const update = {
    previewMs: updateNumbers.previewMs,
    callsPerPoll: updateNumbers.callsPerPoll,
    detail: updateNumbers,
  };
  const scale = await measureScale(latencyMs);
  const logs = await measureLogs(Number(values.runs));
  const alerts = await measureAlerts(Number(values.runs));
  const architecture = await measureArchitecture({ ui: !values['no-ui'] });
  const startup = await measureStartup({ runs: Number(values.runs), latencyMs, ui: !values['no-ui'] });
  const uiRuns = startup.firstRow?.convoxRunsMs ?? [];
  const ui =
    uiRuns.length > 0 ? { firstRackRowMs: Math.round(median(uiRuns)), runsMs: uiRuns.map(Math.round) } : undefined;
  if (values.json) {
    console.log(
      JSON.stringify(
        { discovery, startup, expand, idle, faults, bounds, scale, architecture, ui, install, update, logs, alerts },
        null,
        2,
      ),
    );
    return 0;
  }
  console.log(
    `Discovery: ${shape.profiles} profiles × ${shape.regions} regions, ${shape.stacksPerRegion} stacks per region (${shape.racksPerRegion} racks), ${latencyMs} ms per call; medians of ${runs.length} runs; Node ${process.version}, ${os.availableParallelism()} cores`,
  );
  console.log(
    formatTable(
      ['MEASURE', 'VALUE'],
      [
        ['time to first rack', `${discovery.firstRackMs} ms`],
        ['time to complete', `${discovery.completeMs} ms`],
        [
          'first run in the process (cold): first rack, complete',
          `${discovery.cold.firstRackMs} ms, ${discovery.cold.completeMs} ms`,
        ],
        ['floor (pages per region × latency)', `${discovery.floorMs} ms`],
        ['complete / floor', (discovery.completeMs / discovery.floorMs).toFixed(2)],
        ['extension thread busy (SDK signing, XML parsing, model)', `${discovery.busyMs} ms`],
        ['busy per page', `${(discovery.busyMs / discovery.calls).toFixed(1)} ms`],
        ['sequential cost (every call in a row)', `${discovery.sequentialMs} ms`],
        [
          "same calls with Node's own HTTP, no SDK: complete",
          `${discovery.plainHttp.completeMs} ms (${discovery.plainHttp.calls} calls)`,
        ],
        ["same calls with Node's own HTTP, no SDK: thread busy", `${discovery.plainHttp.busyMs} ms`],
        ["discovery / Node's own HTTP (median of per-run ratios; goal ≤ 1.25)", discovery.ratioToPlainHttp.toFixed(2)],
        [
          "SDK's floor (plain client and paginator): complete, thread busy",
          `${discovery.sdkFloor.completeMs} ms, ${discovery.sdkFloor.busyMs} ms (${discovery.sdkFloor.calls} calls)`,
        ],
        ["SDK's floor / Node's own HTTP", discovery.sdkFloorRatioToPlainHttp.toFixed(2)],
        [
          'same calls, no stack a Convox one: complete',
          `${discovery.noConvoxStacks.completeMs} ms (${discovery.noConvoxStacks.calls} calls)`,
        ],
        ['same calls, no stack a Convox one: thread busy', `${discovery.noConvoxStacks.busyMs} ms`],
        ['API calls made', String(discovery.calls)],
        ['API calls needed (one per page)', String(discovery.minimumCalls)],
        ['racks found', String(discovery.racks)],
        ['error entries', String(discovery.errors)],
      ],
    ),
  );
  console.log(
    `\nExpanding a rack with ${expand.instances} instances and 200 tasks (${expand.processes} of them the rack's own processes)`,
  );
  console.log(
    formatTable(
      ['MEASURE', 'VALUE'],
      [
        ['API calls to expand the rack', String(expand.expand)],
        ['API calls to open its Processes, first time', String(expand.openProcesses)],
        ['API calls for both again (task definitions cached)', String(expand.again)],
        ...Object.entries(expand.byOperation)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([operation, count]): [string, string] => [`  ${operation}`, String(count)]),
      ],
    ),
  );
  console.log('\nAutomatic refresh (every 60 s) over 5 minutes of virtual time, default scenario');
  console.log(
    formatTable(
      ['MEASURE', 'VALUE'],
      [
        ['API calls while the view is hidden', String(idle.hidden)],
        ['API calls while the view is visible', String(idle.visible)],
        ['refreshes while visible', String(idle.refreshesVisible)],
      ],
    ),
  );
  console.log(`\n${faultsTable(faults)}`);
  console.log(`\n${boundsTable(bounds)}`);
  console.log(`\n${installTable(installNumbers)}`);
  console.log(`\n${updateTable(updateNumbers)}`);
  console.log(`\n${scaleTable(scale)}`);
  console.log(`\n${logsTable(logs)}`);
  console.log(`\n${alertsTable(alerts)}`);
  console.log(`\n${architectureTable(architecture)}`);
  if (ui) {
    console.log(
      `\nReal VS Code (code-server + Chromium), default scenario, ${latencyMs} ms per AWS call; median of ${uiRuns.length} runs`,
    );
    console.log(
      formatTable(
        ['MEASURE', 'VALUE'],
        [
          ['click on the Convox icon → first rack row visible', `${ui.firstRackRowMs} ms`],
          ['runs', ui.runsMs.map((ms) => `${ms} ms`).join(', ')],
        ],
      ),
    );
  }
  console.log(`\n${startupTable(startup)}`);
  return 0;
});
