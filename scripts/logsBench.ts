// Rack logs and Diagnose for scripts/bench.ts (run alone: `node out/scripts/logsBench.js [--runs N]`): what
// following costs in FilterLogEvents calls per minute on a quiet rack and on a busy one (an event every 100 ms),
// the peak heap while 100,000 events go by, and what one diagnosis of a 100-server rack costs in calls and time.
// Following runs on a stepped clock (each poll when the follower asks for it), through the real SDK and simulator.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AwsPorts } from '../src/aws';
import { LogFollower } from '../src/model/logs/follower';
import { defaultLogOptions } from '../src/model/logs/options';
import type { Rack } from '../src/model/rack';
import { formatTable } from '../src/model/table';
import { simulatedAws } from '../test/aws/helpers';
import { main } from '../test/runner/processes';
import {
  diagnoseRacks,
  diagnoseScenario,
  logsGroupOf,
  logsRack,
  logsScenario,
  rackLogLines,
  type LogEventData,
} from '../test/sim';
import { SteppedTimers } from '../test/steppedTimers';
import { median } from './benchWorld';

const latencyMs = 100;
const followMinutes = 5;
const busyEveryMs = 100;
const manyEvents = 100_000;

export interface LogsBench {
  quietCallsPerMinute: number;
  busyCallsPerMinute: number;
  busyEventsShownPerMinute: number;
  peakHeapGrowthMb: number;
  largestSeenIds: number;
  bufferedLines: number;
  diagnoseCalls: number;
  diagnoseMs: number;
  diagnoseRuns: number;
}

interface Following {
  follower: LogFollower;
  timers: SteppedTimers;
  /** Runs the next poll the follower asked for, moving the clock by its delay first; returns that delay. */
  step(): Promise<number>;
}

function following(ports: AwsPorts, rack: Rack): Following {
  const timers = new SteppedTimers();
  let settle: (() => void) | undefined;
  const follower = new LogFollower((query, deadlineMs) => ports.logs.page(rack, query, deadlineMs), {
    logGroup: rack.outputs.LogGroup,
    options: defaultLogOptions,
    bufferLines: 10_000,
    deadlineMs: 30_000,
    timers,
    changed: () => {
      const done = settle;
      settle = undefined;
      done?.();
    },
  });
  follower.start();
  return {
    follower,
    timers,
    async step() {
      const delay = timers.pendingDelay ?? 0;
      timers.advance(delay);
      const done = new Promise<void>((resolve) => (settle = resolve));
      if (!timers.fire()) throw new Error('the follower stopped polling');
      await done;
      return delay;
    },
  };
}

/** Calls per minute following for `followMinutes`, the rack writing an event every `everyMs` (none when undefined). */
async function callsPerMinute(everyMs: number | undefined): Promise<{ calls: number; shown: number }> {
  const aws = await simulatedAws(logsScenario({ lines: 0 }), { latencyMs });
  const ports = aws.ports();
  try {
    const store = aws.store(ports);
    await store.refresh('manual');
    const rack = store.racks().find((candidate) => candidate.name === logsRack);
    if (!rack) throw new Error('no logs rack');
    const group = logsGroupOf(aws.sim.scenario);
    // Pages as large as AWS makes them (10,000 events), not the scenario's small ones made to test paging.
    group.pageSize = undefined;
    const run = following(ports, rack);
    await run.step();
    aws.sim.calls.reset();
    const before = run.follower.stats().calls;
    let written = run.timers.now();
    let elapsed = 0;
    const shownBefore = run.follower.stats().bufferedLines;
    while (elapsed < followMinutes * 60_000) {
      const delay = run.timers.pendingDelay ?? 0;
      if (everyMs !== undefined) {
        const until = run.timers.now() + delay;
        const count = Math.floor((until - written) / everyMs);
        if (count > 0) group.events.push(...rackLogLines(new Date(written + count * everyMs), count, everyMs));
        written += count * everyMs;
      }
      elapsed += await run.step();
    }
    const calls = run.follower.stats().calls - before;
    if (calls !== aws.sim.calls.count({ operation: 'FilterLogEvents' }))
      throw new Error('the follower and the simulator count calls differently');
    const shown = run.follower.stats().bufferedLines - shownBefore;
    run.follower.dispose();
    store.dispose();
    return { calls: calls / followMinutes, shown: shown / followMinutes };
  } finally {
    ports.dispose();
    await aws.stop();
  }
}

/** The garbage collector, for measuring what stays in memory rather than what awaits collection. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Peak heap kept (after a collection) while 100,000 events go by, 1,000 per poll, measured every 10 polls; AWS
 * keeps only the last minute (its memory is not ours).
 */
async function peakMemory(): Promise<{ peakMb: number; seen: number; buffered: number }> {
  const aws = await simulatedAws(logsScenario({ lines: 0 }));
  const ports = aws.ports();
  try {
    const store = aws.store(ports);
    await store.refresh('manual');
    const rack = store.racks().find((candidate) => candidate.name === logsRack);
    if (!rack) throw new Error('no logs rack');
    const group = logsGroupOf(aws.sim.scenario);
    group.pageSize = undefined;
    const run = following(ports, rack);
    await run.step();
    const collect = collector();
    collect();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let largestSeen = 0;
    const perPoll = 1_000;
    for (let sent = 0; sent < manyEvents; sent += perPoll) {
      const end = run.timers.now() + 10_000;
      const recent = group.events.filter((event: LogEventData) => event.timestamp.getTime() > end - 60_000);
      group.events = [...recent, ...rackLogLines(new Date(end), perPoll, 10)];
      run.timers.advance(10_000 - (run.timers.pendingDelay ?? 0));
      await run.step();
      largestSeen = Math.max(largestSeen, run.follower.stats().seenIds);
      if ((sent / perPoll) % 10 === 9) {
        collect();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    const buffered = run.follower.stats().bufferedLines;
    run.follower.dispose();
    store.dispose();
    return { peakMb: (peak - baseline) / 1024 / 1024, seen: largestSeen, buffered };
  } finally {
    ports.dispose();
    await aws.stop();
  }
}

/** One diagnosis of the 100-server rack per run, with `latencyMs` per call. */
async function diagnoseCost(runs: number): Promise<{ calls: number; ms: number }> {
  const aws = await simulatedAws(diagnoseScenario({ bigServers: 100 }), { latencyMs });
  const ports = aws.ports();
  try {
    const store = aws.store(ports);
    await store.refresh('manual');
    const rack = store.racks().find((candidate) => candidate.name === diagnoseRacks.big);
    if (!rack) throw new Error('no 100-server rack');
    const calls: number[] = [];
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      aws.sim.calls.reset();
      const started = performance.now();
      const evidence = await ports.diagnostics.evidence(rack, 30_000);
      times.push(performance.now() - started);
      calls.push(aws.sim.calls.count());
      if (evidence.instances.length !== 100) throw new Error(`${evidence.instances.length} servers read, not 100`);
    }
    store.dispose();
    return { calls: median(calls), ms: median(times) };
  } finally {
    ports.dispose();
    await aws.stop();
  }
}

export async function measureLogs(runs: number): Promise<LogsBench> {
  const quiet = await callsPerMinute(undefined);
  const busy = await callsPerMinute(busyEveryMs);
  const memory = await peakMemory();
  const diagnosis = await diagnoseCost(runs);
  return {
    quietCallsPerMinute: quiet.calls,
    busyCallsPerMinute: busy.calls,
    busyEventsShownPerMinute: busy.shown,
    peakHeapGrowthMb: Math.round(memory.peakMb * 10) / 10,
    largestSeenIds: memory.seen,
    bufferedLines: memory.buffered,
    diagnoseCalls: diagnosis.calls,
    diagnoseMs: Math.round(diagnosis.ms),
    diagnoseRuns: runs,
  };
}

export function logsTable(bench: LogsBench): string {
  return [
    `Rack logs: following ${followMinutes} minutes (stepped clock, real SDK and simulator); Diagnose Rack on a 100-server rack, ${latencyMs} ms per call, median of ${bench.diagnoseRuns} runs`,
    formatTable(
      ['MEASURE', 'VALUE'],
      [
        ['FilterLogEvents calls per minute, quiet rack', bench.quietCallsPerMinute.toFixed(1)],
        [
          `FilterLogEvents calls per minute, busy rack (an event every ${busyEveryMs} ms)`,
          bench.busyCallsPerMinute.toFixed(1),
        ],
        ['lines shown per minute, busy rack', bench.busyEventsShownPerMinute.toFixed(0)],
        [
          `peak heap kept over ${manyEvents.toLocaleString('en-US')} events (buffer 10,000 lines)`,
          `${bench.peakHeapGrowthMb} MB`,
        ],
        ['most event ids kept at once (late window)', String(bench.largestSeenIds)],
        ['lines kept at the end', String(bench.bufferedLines)],
        ['Diagnose: AWS calls', String(bench.diagnoseCalls)],
        ['Diagnose: time', `${bench.diagnoseMs} ms`],
      ],
    ),
  ].join('\n');
}

if (require.main === module) {
  main(async () => {
    const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
    console.log(logsTable(await measureLogs(Number(values.runs))));
    return 0;
  });
}
