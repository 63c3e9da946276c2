// The update member of scripts/bench.ts: rack changes previewed and applied in the simulator (every AWS call
// delayed by the simulated latency). Measures the time from confirming the inputs to the preview table (the
// change set created, computed, read and deleted), and the AWS calls each progress poll of the update makes once it
// is under way (budget: one DescribeStackEvents page, as install).
import { templateUrl } from '../src/model/install/releases';
import { watchStack } from '../src/model/install/watch';
import type { NewEvents, StackOperations } from '../src/model/store/ports';
import { RackStore } from '../src/model/store/rackStore';
import { formatTable } from '../src/model/table';
import { previewChange, previewTiming } from '../src/model/update/previewChange';
import { systemUpdateForm, type RackChange } from '../src/model/update/rackChange';
import { systemOf, updateSystem } from '../src/rackApi/client';
import { installPollMs } from '../src/views/install/installPoll';
import { releaseVersions, updateScenario } from '../test/sim';
import { main } from '../test/runner/processes';
import { median, withInProcessSimulator } from './benchWorld';
import { rackNamed } from '../test/rackNamed';

const latencyMs = 50;
const runs = 5;
/** Time between two waves of three resources being updated. */
const stepMs = 1_500;

export interface UpdateNumbers {
  /** Median time from confirmed inputs to the preview table, a scale (the rack's template already read). */
  previewMs: number;
  /** The same for an update to a release, whose template's parameters are read first. */
  versionPreviewMs: number;
  previewCalls: number;
  /** DescribeStackEvents calls per poll after the first, while the update runs. */
  callsPerPoll: number;
  maxCallsPerPoll: number;
  latencyMs: number;
  polls: number;
  outcome: string;
}

export async function measureUpdate(): Promise<UpdateNumbers> {
  const scenario = updateScenario();
  return withInProcessSimulator(scenario, { latencyMs, dashboard: true }, async (sim, ports) => {
    if (scenario.install) scenario.install.stepMs = stepMs;
    const store = new RackStore(ports, () => ({ regions: [], organizations: { acme: ['acme-prod'] } }), {
      intervalSeconds: 0,
    });
    await store.refresh('manual');
    const rack = rackNamed(store, 'acme/production');
    if (!rack) throw new Error('the update scenario has no acme/production');
    const template = await ports.releases.templateParameters(
      rack,
      templateUrl(sim.releasesUrl, rack.version ?? ''),
      10_000,
    );
    const dependencies = {
      releases: ports.releases,
      previewer: ports.previewer,
      releasesUrl: sim.releasesUrl,
      timing: previewTiming,
    };
    const timed = async (change: RackChange): Promise<{ ms: number; calls: number }> => {
      sim.calls.reset();
      const started = performance.now();
      await previewChange(dependencies, rack, change, template);
      return { ms: performance.now() - started, calls: sim.calls.count({ service: 'cloudformation' }) };
    };
    const scales: { ms: number; calls: number }[] = [];
    const versions: number[] = [];
    for (let run = 0; run < runs; run++) {
      scales.push(await timed({ kind: 'scale', count: 4 + run }));
      versions.push((await timed({ kind: 'version', version: releaseVersions[1] })).ms);
    }

    const password = await ports.secrets.apiPassword(rack, 10_000);
    const api = {
      host: rack.apiHost ?? '',
      password: password ?? '',
      pinnedFingerprint: sim.dashboardCertificate?.fingerprint(),
    };
    await systemOf(api, 10_000);
    const callsPerPoll: number[] = [];
    const counting: Pick<StackOperations, 'newEvents'> = {
      newEvents: async (...args): Promise<NewEvents> => {
        const page = await ports.stacks.newEvents(...args);
        callsPerPoll.push(page.calls);
        return page;
      },
    };
    const where = { profile: rack.profile, region: rack.region, name: rack.name };
    const before = await ports.stacks.newEvents(where, rack.stackId, undefined, 10_000, 1);
    const change: RackChange = { kind: 'version', version: releaseVersions[1] };
    await updateSystem(api, systemUpdateForm(rack, change), 10_000);
    const result = await watchStack(counting, {
      target: where,
      stackId: rack.stackId,
      operation: 'update',
      total: 5,
      timing: { deadlineMs: 30_000, pollMs: installPollMs },
      lastSeenId: before.events[0]?.id,
      maxMs: 120_000,
    });
    store.dispose();
    const steady = callsPerPoll.slice(1);
    return {
      previewMs: Math.round(median(scales.map((run) => run.ms))),
      versionPreviewMs: Math.round(median(versions)),
      previewCalls: median(scales.map((run) => run.calls)),
      callsPerPoll: Number((steady.reduce((sum, calls) => sum + calls, 0) / Math.max(1, steady.length)).toFixed(2)),
      maxCallsPerPoll: Math.max(0, ...steady),
      latencyMs,
      polls: result.polls,
      outcome: result.outcome,
    };
  });
}

/** The heading and table scripts/bench.ts prints. */
export function updateTable(update: UpdateNumbers): string {
  return [
    `Rack updates: previews (change set created, computed, read, deleted) and an update followed as Update Rack follows it; ${update.latencyMs} ms per AWS call, medians of ${runs} runs`,
    formatTable(
      ['MEASURE', 'VALUE', 'BUDGET'],
      [
        ['inputs confirmed → preview table (scale)', `${update.previewMs} ms (${update.previewCalls} AWS calls)`, ''],
        ['inputs confirmed → preview table (new release)', `${update.versionPreviewMs} ms`, ''],
        [
          'DescribeStackEvents calls per poll (after the first)',
          `${update.callsPerPoll} (most ${update.maxCallsPerPoll})`,
          '1',
        ],
        ['polls, outcome', `${update.polls}, ${update.outcome}`, 'succeeded'],
      ],
    ),
  ].join('\n');
}

// `node out/scripts/updateBench.js [--json]`: this member alone.
if (require.main === module) {
  main(async () => {
    const update = await measureUpdate();
    console.log(
      process.argv.includes('--json')
        ? JSON.stringify(
            { update: { previewMs: update.previewMs, callsPerPoll: update.callsPerPoll, detail: update } },
            null,
            2,
          )
        : updateTable(update),
    );
    return 0;
  });
}
