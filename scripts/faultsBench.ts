// The faults world for scripts/bench.ts: several good (profile, region) pairs and one whose CloudFormation
// accepts the connection and never answers. A refresh must settle just after the deadline, with that pair an
// error row naming its endpoint and every good pair's racks listed.
import { performance } from 'node:perf_hooks';
import { AwsPorts } from '../src/aws';
import { RackStore } from '../src/model/store/rackStore';
import { formatTable } from '../src/model/table';
import { benchRegions, type BenchOptions } from '../test/sim';
import { median, withSimulator } from './benchWorld';

const requestTimeoutSeconds = 2;
const shape: BenchOptions = { profiles: 4, regions: 4, stacksPerRegion: 20, racksPerRegion: 2 };
/** bench-02's account (see benchScenario) in its fourth region. */
const hanging = { profile: 'bench-02', account: '100000000002', region: benchRegions[3] };

export interface Faults {
  /** Median time for `store.refresh('manual')` to settle. */
  settleMs: number;
  /** The deadline of each pair (convox.requestTimeout). */
  deadlineMs: number;
  runsMs: number[];
  pairs: number;
  /** Racks of the good pairs in the last run, and how many there should be. */
  racks: number;
  expectedRacks: number;
  /** What was wrong with any run's result; empty when every run had all good racks and the one right error row. */
  problems: string[];
}

/** Refreshes a fresh store `runs` times (simulator answering after `latencyMs`), timing each until it settles. */
export function measureFaults(runs: number, latencyMs: number): Promise<Faults> {
  const recipe = {
    kind: 'bench' as const,
    options: shape,
    faults: [{ account: hanging.account, region: hanging.region, service: 'cloudformation', kind: 'silence' as const }],
  };
  return withSimulator(recipe, { latencyMs }, async (sim, settings) => {
    const pairs = shape.profiles * shape.regions;
    const expectedRacks = (pairs - 1) * shape.racksPerRegion;
    const runsMs: number[] = [];
    const problems = new Set<string>();
    let racks = 0;
    for (let run = 0; run < runs; run++) {
      const ports = new AwsPorts();
      const store = new RackStore(ports, () => settings, { intervalSeconds: 0, requestTimeoutSeconds });
      const started = performance.now();
      await store.refresh('manual');
      runsMs.push(performance.now() - started);
      racks = store.racks().length;
      if (racks !== expectedRacks) problems.add(`${racks} racks instead of ${expectedRacks}`);
      const errors = store.errors();
      const [error] = errors;
      if (errors.length !== 1 || error.profile !== hanging.profile || error.region !== hanging.region) {
        problems.add(
          `error rows: ${errors.map((row) => `${row.profile}/${row.region}`).join(', ') || 'none'}, expected ${hanging.profile}/${hanging.region} only`,
        );
      } else {
        if (error.kind !== 'network') problems.add(`the error row is of kind ${error.kind}, not network`);
        if (!error.message.includes(sim.url)) problems.add(`the error row does not name ${sim.url}: ${error.message}`);
      }
      store.dispose();
      ports.dispose();
    }
    return {
      settleMs: Math.round(median(runsMs)),
      deadlineMs: requestTimeoutSeconds * 1000,
      runsMs: runsMs.map(Math.round),
      pairs,
      racks,
      expectedRacks,
      problems: [...problems],
    };
  });
}

/** The heading and table scripts/bench.ts prints. */
export function faultsTable(faults: Faults): string {
  const heading =
    `Faults: ${faults.pairs} profile/region pairs, ${hanging.profile}/${hanging.region} never answering (CloudFormation silent), ` +
    `convox.requestTimeout ${requestTimeoutSeconds} s; median of ${faults.runsMs.length} refreshes of a fresh store`;
  const table = formatTable(
    ['MEASURE', 'VALUE', 'EXPECTED'],
    [
      ['refresh settles', `${faults.settleMs} ms`, `just over the ${faults.deadlineMs} ms deadline`],
      ['  runs', faults.runsMs.map((ms) => `${ms} ms`).join(', '), ''],
      ['racks of the good pairs', String(faults.racks), String(faults.expectedRacks)],
      [
        'result',
        faults.problems.length === 0 ? 'as expected' : 'NOT as expected (below)',
        'one network error row naming the endpoint, every good rack',
      ],
    ],
  );
  return [heading, table, ...faults.problems.map((problem) => `  ${problem}`)].join('\n');
}
