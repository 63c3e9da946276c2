// The architecture view for scripts/bench.ts, on one big rack: what its first read and an unchanged read cost in
// API calls, how long the extension takes to turn the data into a drawn layout, and what a watch costs over 5
// minutes hidden and visible. Applying an update in the webview is measured in the browser, not here.
import { performance } from 'node:perf_hooks';
import { AwsPorts } from '../src/aws';
import type { ArchitectureData } from '../src/model/architecture/data';
import { layoutOf } from '../src/model/architecture/layout';
import { sceneOf } from '../src/model/architecture/scene';
import { diffLayouts, isEmptyUpdate } from '../src/model/architecture/update';
import type { Rack } from '../src/model/rack';
import { RackStore } from '../src/model/store/rackStore';
import { formatTable } from '../src/model/table';
import { main } from '../test/runner/processes';
import type { BigRackOptions } from '../test/sim/scenarios/bench';
import { VirtualClock } from '../test/virtualClock';
import { measureApplyUpdate } from './architectureUi';
import { median, withSimulator } from './benchWorld';

const rackShape: Required<BigRackOptions> = { instances: 60, tasks: 600 };
const watchSeconds = 10;
const windowMs = 5 * 60_000;
/** Timed runs of the scene, layout and diff after a cold one; each takes milliseconds, so many are cheap. */
const layoutRuns = 21;
const budgets = {
  layoutMs: 20,
  applyUpdateMs: 16,
  callsFirstLoad: 6 + 2 * Math.ceil(rackShape.tasks / 100),
  callsUnchanged: 4 + Math.ceil(rackShape.tasks / 100),
  callsHidden: 0,
};

export interface Architecture {
  /** Median of `layoutOf(sceneOf(data))`, the extension's work to draw the rack. */
  layoutMs: number;
  /** The `sceneOf` part of it. */
  sceneMs: number;
  /** Median time for the webview to apply one update, measured in the browser; null with --no-ui. */
  applyUpdateMs: number | null;
  callsFirstLoad: number;
  callsUnchanged: number;
  /** Over 5 minutes of virtual time with the architecture watched but not visible. */
  callsHidden: number;
  budgets: typeof budgets;
  detail: {
    rack: {
      resources: number;
      subnets: number;
      servers: number;
      containers: number;
      components: number;
      edges: number;
    };
    /** The first `layoutOf(sceneOf(data))` in this process, before the JIT has seen it. */
    coldLayoutMs: number;
    /** `diffLayouts` between the layouts of the first and the unchanged read: the extension's part of each update. */
    diffMs: number;
    runsLayoutMs: number[];
    /** Each update the webview applied, in the browser. */
    runsApplyUpdateMs: number[];
    firstLoadByOperation: Record<string, number>;
    unchangedByOperation: Record<string, number>;
    /** The same 5 minutes with the watch visible, and how many reads the watch made in them. */
    callsVisible: number;
    readsVisible: number;
    problems: string[];
  };
}

interface Timed {
  sceneMs: number;
  /** Scene and layout together, as the view needs both. */
  layoutMs: number;
}

function timeLayout(data: ArchitectureData): Timed {
  const started = performance.now();
  const scene = sceneOf(data);
  const sceneDone = performance.now();
  layoutOf(scene);
  const done = performance.now();
  return { sceneMs: sceneDone - started, layoutMs: done - started };
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** Waits for the read the policy may just have started to end: the simulator answers on real time, not the clock's. */
async function settled(store: RackStore, rack: Rack): Promise<void> {
  while (store.architectureState(rack).reading) await new Promise((resolve) => setTimeout(resolve, 1));
}

/** With `ui`, also the webview's time to apply an update, in a real workbench (scripts/architectureUi.ts). */
export async function measureArchitecture(options: { ui: boolean }): Promise<Architecture> {
  const applyUpdate = options.ui ? await measureApplyUpdate(rackShape) : undefined;
  const measured = await measureInNode();
  return {
    ...measured,
    applyUpdateMs: applyUpdate ? round(applyUpdate.medianMs) : null,
    detail: { ...measured.detail, runsApplyUpdateMs: applyUpdate?.runsMs.map(round) ?? [] },
  };
}

function measureInNode(): Promise<Architecture> {
  return withSimulator({ kind: 'bigRack', options: rackShape }, {}, async (sim, settings) => {
    const problems: string[] = [];
    const ports = new AwsPorts({ maxAttempts: 1 });
    const clock = new VirtualClock();
    let reads = 0;
    const countReads = (message: string): void => {
      if (message.startsWith('Reading the architecture of')) reads += 1;
    };
    // The list never refreshes on its own here, so every call counted below is the architecture's.
    const store = new RackStore(ports, () => settings, { intervalSeconds: 0, timers: clock, log: countReads });
    await store.refresh('manual');
    const [rack] = store.racks();
    if (!rack)
      throw new Error(
        `the big rack was not found: ${store
          .errors()
          .map((error) => error.message)
          .join('; ')}`,
      );

    await sim.reset();
    const first = await store.loadArchitecture(rack, 'first use');
    const callsFirstLoad = await sim.count();
    const firstLoadByOperation = await sim.byOperation();
    await sim.reset();
    const again = await store.loadArchitecture(rack, 'interval');
    const callsUnchanged = await sim.count();
    const unchangedByOperation = await sim.byOperation();

    const cold = timeLayout(first);
    const runs = Array.from({ length: layoutRuns }, () => timeLayout(first));
    const scene = sceneOf(first);
    const before = layoutOf(scene);
    const after = layoutOf(sceneOf(again));
    if (!isEmptyUpdate(diffLayouts(before, after)))
      problems.push('the unchanged read gave a layout that differs from the first');
    const diffRuns = Array.from({ length: layoutRuns }, () => {
      const started = performance.now();
      diffLayouts(before, after);
      return performance.now() - started;
    });

    const { resources, subnets } = first.resources;
    const { servers, containers } = first.runtime;
    if (resources.length === 0) problems.push('the rack has no stack resources');
    if (servers.length !== rackShape.instances)
      problems.push(`${servers.length} servers instead of ${rackShape.instances}`);
    if (containers.length !== rackShape.tasks)
      problems.push(`${containers.length} containers instead of ${rackShape.tasks}`);

    // Hidden: the watch exists (the view is open in a background tab) but is not visible.
    const watch = store.watchArchitecture(rack, watchSeconds);
    await sim.reset();
    clock.advance(windowMs);
    await settled(store, rack);
    const callsHidden = await sim.count();

    // Shown again, the stale data is read at once; the window is counted from after that read.
    watch.setVisible(true);
    await settled(store, rack);
    await sim.reset();
    reads = 0;
    for (let elapsed = 0; elapsed < windowMs; elapsed += watchSeconds * 1000) {
      clock.advance(watchSeconds * 1000);
      await settled(store, rack);
    }
    const callsVisible = await sim.count();
    const readsVisible = reads;
    watch.dispose();
    store.dispose();
    ports.dispose();

    return {
      layoutMs: round(median(runs.map((run) => run.layoutMs))),
      sceneMs: round(median(runs.map((run) => run.sceneMs))),
      applyUpdateMs: null,
      callsFirstLoad,
      callsUnchanged,
      callsHidden,
      budgets,
      detail: {
        rack: {
          resources: resources.length,
          subnets: subnets.length,
          servers: servers.length,
          containers: containers.length,
          components: scene.components.length,
          edges: scene.edges.length,
        },
        coldLayoutMs: round(cold.layoutMs),
        diffMs: round(median(diffRuns)),
        runsLayoutMs: runs.map((run) => round(run.layoutMs)),
        runsApplyUpdateMs: [],
        firstLoadByOperation,
        unchangedByOperation,
        callsVisible,
        readsVisible,
        problems,
      },
    };
  });
}

const verdict = (value: number, budget: number): string =>
  value <= budget ? 'within' : `over by ${round(value - budget)}`;

const operationRows = (counts: Record<string, number>): Array<[string, string, string, string]> =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([operation, count]) => [`  ${operation}`, String(count), '', '']);

/** The heading and table scripts/bench.ts prints. */
export function architectureTable(architecture: Architecture): string {
  const { detail } = architecture;
  const { rack } = detail;
  const heading =
    `Architecture: one rack of ${rackShape.instances} servers and ${rackShape.tasks} tasks (${rack.resources} stack resources, ${rack.subnets} subnets; ` +
    `${rack.components} components, ${rack.edges} edges drawn); layout median of ${detail.runsLayoutMs.length} runs in Node, no latency for the call counts`;
  const perRead =
    detail.readsVisible > 0 ? `${round(detail.callsVisible / detail.readsVisible)} calls per read` : 'no read';
  const table = formatTable(
    ['MEASURE', 'VALUE', 'BUDGET', 'NOTE'],
    [
      [
        'layoutOf(sceneOf(data))',
        `${architecture.layoutMs} ms`,
        `≤ ${budgets.layoutMs} ms`,
        `${verdict(architecture.layoutMs, budgets.layoutMs)}; fastest run ${Math.min(...detail.runsLayoutMs)} ms, first in the process ${detail.coldLayoutMs} ms`,
      ],
      ['  of which sceneOf', `${architecture.sceneMs} ms`, '', ''],
      ['diffLayouts after an unchanged read', `${detail.diffMs} ms`, '', "the extension's part of an update"],
      architecture.applyUpdateMs === null
        ? ['webview applies an update', 'not measured (--no-ui)', `≤ ${budgets.applyUpdateMs} ms`, '']
        : [
            'webview applies an update',
            `${architecture.applyUpdateMs} ms`,
            `≤ ${budgets.applyUpdateMs} ms`,
            `${verdict(architecture.applyUpdateMs, budgets.applyUpdateMs)}; in the browser, a server drained per update; runs ${detail.runsApplyUpdateMs.join(', ')} ms`,
          ],
      [
        'API calls, first load',
        String(architecture.callsFirstLoad),
        `≤ ${budgets.callsFirstLoad}`,
        `${verdict(architecture.callsFirstLoad, budgets.callsFirstLoad)}; 6 + 2 per 100 tasks`,
      ],
      ...operationRows(detail.firstLoadByOperation),
      [
        'API calls, unchanged load',
        String(architecture.callsUnchanged),
        `≤ ${budgets.callsUnchanged}`,
        `${verdict(architecture.callsUnchanged, budgets.callsUnchanged)}; 4 + 1 per 100 tasks`,
      ],
      ...operationRows(detail.unchangedByOperation),
      [
        `API calls over 5 min, watched every ${watchSeconds} s, hidden`,
        String(architecture.callsHidden),
        `≤ ${budgets.callsHidden}`,
        verdict(architecture.callsHidden, budgets.callsHidden),
      ],
      [
        `API calls over 5 min, watched every ${watchSeconds} s, visible`,
        String(detail.callsVisible),
        '',
        `${detail.readsVisible} reads, ${perRead}`,
      ],
      [
        'result',
        detail.problems.length === 0 ? 'as expected' : 'NOT as expected (below)',
        '',
        'every server and task drawn; an unchanged read changes nothing',
      ],
    ],
  );
  return [heading, table, ...detail.problems.map((problem) => `  ${problem}`)].join('\n');
}

// `node out/scripts/architectureBench.js [--no-ui] [--json]`: this member alone (--no-ui leaves out the browser).
if (require.main === module) {
  main(async () => {
    const architecture = await measureArchitecture({ ui: !process.argv.includes('--no-ui') });
    console.log(
      process.argv.includes('--json') ? JSON.stringify({ architecture }, null, 2) : architectureTable(architecture),
    );
    return 0;
  });
}
