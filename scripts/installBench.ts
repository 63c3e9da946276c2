// The install member of scripts/bench.ts: a rack created in the simulator at a realistic pace, followed the way the
// Install Rack progress follows it. Measures the AWS calls each progress poll makes once the install is under way
// (budget: one DescribeStackEvents page), and how long after an event happened it reached the progress report
// (budget: one poll interval + 100 ms).
import { templateUrl } from '../src/model/install/releases';
import { watchStack } from '../src/model/install/watch';
import type { NewEvents, StackOperations } from '../src/model/store/ports';
import { formatTable } from '../src/model/table';
import { installPollMs } from '../src/views/install/installPoll';
import { defaultScenario, releaseVersions } from '../test/sim';
import { main } from '../test/runner/processes';
import { median, withInProcessSimulator } from './benchWorld';

/** Time between two waves of three resources: a 35-resource rack takes about 12 s. */
const stepMs = 1_000;

export interface InstallNumbers {
  /** DescribeStackEvents calls per poll after the first (the first reads the whole history so far). */
  callsPerPoll: number;
  /** The most calls any poll after the first made. */
  maxCallsPerPoll: number;
  /** Median and worst delay from an event's time to its appearance in the progress report. */
  eventToNotificationMs: number;
  maxEventToNotificationMs: number;
  pollMs: number;
  polls: number;
  events: number;
  outcome: string;
}

export async function measureInstall(): Promise<InstallNumbers> {
  const scenario = defaultScenario();
  return withInProcessSimulator(scenario, {}, async (sim, ports) => {
    if (scenario.install) scenario.install.stepMs = stepMs;
    await ports.discovery.profiles();
    const target = { profile: 'acme-prod', region: 'us-east-1', name: 'bench-install' };
    const started = await ports.installer.create(
      {
        ...target,
        templateUrl: templateUrl(sim.releasesUrl, releaseVersions[2]),
        parameters: { Password: 'BenchPasswordBenchPasswordBenc', Version: releaseVersions[2] },
        tags: {},
      },
      { deadlineMs: 30_000, pollMs: 100 },
    );
    const callsPerPoll: number[] = [];
    const counting: Pick<StackOperations, 'newEvents'> = {
      newEvents: async (...args): Promise<NewEvents> => {
        const page = await ports.stacks.newEvents(...args);
        callsPerPoll.push(page.calls);
        return page;
      },
    };
    const delays: number[] = [];
    const result = await watchStack(counting, {
      target,
      stackId: started.stackId,
      operation: 'create',
      total: started.total,
      timing: { deadlineMs: 30_000, pollMs: installPollMs },
      maxMs: 120_000,
      onEvents: (events) => {
        const now = Date.now();
        for (const event of events) delays.push(now - event.at.getTime());
      },
    });
    const steady = callsPerPoll.slice(1);
    return {
      callsPerPoll: Number((steady.reduce((sum, calls) => sum + calls, 0) / Math.max(1, steady.length)).toFixed(2)),
      maxCallsPerPoll: Math.max(0, ...steady),
      eventToNotificationMs: Math.round(median(delays)),
      maxEventToNotificationMs: Math.round(Math.max(0, ...delays)),
      pollMs: installPollMs,
      polls: result.polls,
      events: delays.length,
      outcome: result.outcome,
    };
  });
}

/** The heading and table scripts/bench.ts prints. */
export function installTable(install: InstallNumbers): string {
  const heading = `Install progress: a rack created in the simulator (three resources every ${stepMs} ms), followed as Install Rack follows it, polling every ${install.pollMs} ms`;
  return [
    heading,
    formatTable(
      ['MEASURE', 'VALUE', 'BUDGET'],
      [
        [
          'DescribeStackEvents calls per poll (after the first)',
          `${install.callsPerPoll} (most ${install.maxCallsPerPoll})`,
          '1',
        ],
        ['event → progress report, median', `${install.eventToNotificationMs} ms`, `≤ ${install.pollMs + 100} ms`],
        ['event → progress report, worst', `${install.maxEventToNotificationMs} ms`, `≤ ${install.pollMs + 100} ms`],
        ['polls, events', `${install.polls}, ${install.events}`, ''],
        ['outcome', install.outcome, 'succeeded'],
      ],
    ),
  ].join('\n');
}

// `node out/scripts/installBench.js [--json]`: this member alone.
if (require.main === module) {
  main(async () => {
    const install = await measureInstall();
    console.log(
      process.argv.includes('--json')
        ? JSON.stringify(
            {
              install: {
                callsPerPoll: install.callsPerPoll,
                eventToNotificationMs: install.eventToNotificationMs,
                detail: install,
              },
            },
            null,
            2,
          )
        : installTable(install),
    );
    return 0;
  });
}
