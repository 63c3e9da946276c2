// Alerts for scripts/bench.ts (run alone: `node out/scripts/alertsBench.js [--runs N]`): what watching costs in AWS
// calls per hour for 1, 10 and 50 watched racks across 3 regions (all running, and with one rack converging), and
// the time from a status change in the simulator to the alert's message with Diagnose's root cause, against its
// budget of one interval plus 2 s. Real SDK clients against the simulator, `latencyMs` per call.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { AwsPorts } from '../src/aws';
import { AlertEpisodes, type EpisodeKeeper, type ToldEpisode } from '../src/model/alerts/episodes';
import { alertsMessage, rootCauseLine } from '../src/model/alerts/messages';
import { AlertWatcher, unfocusedFactor, type WatchedRack } from '../src/model/alerts/watcher';
import { diagnose } from '../src/model/diagnose/rules';
import type { Rack } from '../src/model/rack';
import { realTimers } from '../src/model/store/refreshPolicy';
import { formatTable } from '../src/model/table';
import { simulatedAws, type SimulatedAws } from '../test/aws/helpers';
import { main } from '../test/runner/processes';
import { alertsScenario } from '../test/sim';
import { median } from './benchWorld';

const latencyMs = 100;
const regions = 3;
const watchedCounts = [1, 10, 50];
/** The default `convox.alerts.interval`, for calls per hour. */
const defaultIntervalMs = 60_000;
/** The interval of the latency runs: the setting's minimum, so that the bench stays short. */
const latencyIntervalMs = 10_000;
const pollsCounted = 3;

export interface AlertsCost {
  racks: number;
  callsPerPoll: number;
  callsPerHour: number;
  callsPerHourOneConverging: number;
  callsPerHourUnfocused: number;
}

export interface AlertsBench {
  costs: AlertsCost[];
  intervalMs: number;
  /** Milliseconds from the change to the message, each run. */
  latencyRunsMs: number[];
  latencyMedianMs: number;
  latencyMaxMs: number;
  budgetMs: number;
}

const memoryKeeper = (): EpisodeKeeper => {
  let kept: ToldEpisode[] = [];
  return { load: () => kept, save: (episodes) => (kept = [...episodes]) };
};

const placeOf = ({ stackId, displayName, organization, profile, region }: Rack): WatchedRack => ({
  stackId,
  displayName,
  organization,
  profile,
  region,
});

/** The first `count` racks, taken from the regions in turn. */
function spread(racks: readonly Rack[], count: number): Rack[] {
  const byRegion = [...new Set(racks.map((rack) => rack.region))].map((region) =>
    racks.filter((rack) => rack.region === region),
  );
  const taken: Rack[] = [];
  for (let index = 0; taken.length < count; index++)
    for (const list of byRegion) if (list[index] && taken.length < count) taken.push(list[index]);
  return taken;
}

async function withAlertsSimulator<T>(body: (aws: SimulatedAws, ports: AwsPorts, racks: Rack[]) => Promise<T>) {
  const aws = await simulatedAws(alertsScenario({ regions, racksPerRegion: Math.ceil(50 / regions) }), {
    latencyMs,
  });
  const ports = aws.ports();
  try {
    const store = aws.store(ports);
    await store.refresh('manual');
    const racks = store.racks();
    store.dispose();
    return await body(aws, ports, racks);
  } finally {
    ports.dispose();
    await aws.stop();
  }
}

async function cost(aws: SimulatedAws, ports: AwsPorts, watched: Rack[]): Promise<AlertsCost> {
  const watcher = new AlertWatcher(ports, new AlertEpisodes(memoryKeeper()), {
    intervalMs: defaultIntervalMs,
    deadlineMs: 30_000,
    timers: realTimers,
    watched: () => watched.map(placeOf),
    report: () => undefined,
    log: () => undefined,
  });
  await watcher.poll();
  aws.sim.calls.reset();
  for (let poll = 0; poll < pollsCounted; poll++) await watcher.poll();
  const callsPerPoll = aws.sim.calls.all().length / pollsCounted;
  const converging = watched[0];
  aws.sim.world.setStackStatus(converging.name, 'UPDATE_COMPLETE', {
    updatedAt: new Date(),
    region: converging.region,
  });
  aws.sim.calls.reset();
  for (let poll = 0; poll < pollsCounted; poll++) await watcher.poll();
  const withConverging = aws.sim.calls.all().length / pollsCounted;
  aws.sim.world.setStackStatus(converging.name, 'UPDATE_COMPLETE', {
    updatedAt: new Date(Date.now() - 86_400_000),
    region: converging.region,
  });
  const perHour = 3_600_000 / defaultIntervalMs;
  return {
    racks: watched.length,
    callsPerPoll,
    callsPerHour: callsPerPoll * perHour,
    callsPerHourOneConverging: withConverging * perHour,
    callsPerHourUnfocused: (callsPerPoll * perHour) / unfocusedFactor,
  };
}

/**
 * One run: the watcher polls on its own timer; the rack rolls back at a moment within the interval; the time is
 * taken when the alert's message, root cause included, is ready to show.
 */
async function latency(aws: SimulatedAws, ports: AwsPorts, rack: Rack, offsetMs: number): Promise<number> {
  let changedAt = 0;
  let message = '';
  let told: (() => void) | undefined;
  const toldPromise = new Promise<void>((resolve) => (told = resolve));
  const watcher = new AlertWatcher(ports, new AlertEpisodes(memoryKeeper()), {
    intervalMs: latencyIntervalMs,
    deadlineMs: 30_000,
    timers: realTimers,
    watched: () => [placeOf(rack)],
    report: (observed) => {
      if (observed.alerts.length === 0) return;
      void ports.diagnostics.evidence(rack, 30_000).then((evidence) => {
        const causes = new Map([[rack.stackId, rootCauseLine(diagnose(evidence))]]);
        message = alertsMessage(observed.alerts, causes);
        told?.();
      });
    },
    log: () => undefined,
  });
  watcher.start();
  try {
    await new Promise((resolve) => setTimeout(resolve, latencyIntervalMs / 2 + offsetMs));
    aws.sim.world.setStackStatus(rack.name, 'UPDATE_ROLLBACK_COMPLETE', {
      updatedAt: new Date(),
      region: rack.region,
    });
    changedAt = performance.now();
    await toldPromise;
    if (!message.includes(rack.displayName)) throw new Error(`the alert does not name ${rack.displayName}: ${message}`);
    return performance.now() - changedAt;
  } finally {
    watcher.stop();
    aws.sim.world.setStackStatus(rack.name, 'UPDATE_COMPLETE', {
      updatedAt: new Date(Date.now() - 86_400_000),
      region: rack.region,
    });
  }
}

export async function measureAlerts(runs: number): Promise<AlertsBench> {
  return withAlertsSimulator(async (aws, ports, racks) => {
    const costs: AlertsCost[] = [];
    for (const count of watchedCounts) costs.push(await cost(aws, ports, spread(racks, count)));
    const latencyRunsMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      // Changes spread over the interval: just after a poll (the worst case) to just before one.
      const offset = ((run % 3) - 1) * (latencyIntervalMs / 2 - 500);
      latencyRunsMs.push(Math.round(await latency(aws, ports, racks[run % racks.length], offset)));
    }
    return {
      costs,
      intervalMs: latencyIntervalMs,
      latencyRunsMs,
      latencyMedianMs: Math.round(median(latencyRunsMs)),
      latencyMaxMs: Math.max(...latencyRunsMs),
      budgetMs: latencyIntervalMs + 2_000,
    };
  });
}

export function alertsTable(bench: AlertsBench): string {
  return [
    `Alerts: watched racks across ${regions} regions, real SDK and simulator, ${latencyMs} ms per call; calls per hour at the default 60 s interval`,
    formatTable(
      ['WATCHED RACKS', 'CALLS PER POLL', 'CALLS PER HOUR', 'ONE CONVERGING', 'WINDOW UNFOCUSED'],
      bench.costs.map((cost) => [
        String(cost.racks),
        cost.callsPerPoll.toFixed(1),
        cost.callsPerHour.toFixed(0),
        cost.callsPerHourOneConverging.toFixed(0),
        cost.callsPerHourUnfocused.toFixed(0),
      ]),
    ),
    formatTable(
      ['MEASURE', 'VALUE'],
      [
        [
          `status change → alert with root cause (interval ${bench.intervalMs / 1000} s), median`,
          `${bench.latencyMedianMs} ms`,
        ],
        ['same, slowest run', `${bench.latencyMaxMs} ms`],
        ['budget (one interval + 2 s)', `${bench.budgetMs} ms`],
        ['within budget', bench.latencyMaxMs <= bench.budgetMs ? 'yes' : 'NO'],
        ['runs', bench.latencyRunsMs.map((ms) => `${ms} ms`).join(', ')],
      ],
    ),
  ].join('\n');
}

if (require.main === module) {
  main(async () => {
    const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
    console.log(alertsTable(await measureAlerts(Number(values.runs))));
    return 0;
  });
}
