// The bounds member of scripts/bench.ts (also run alone: `node out/scripts/boundsBench.js`): the memory one
// discovery costs when AWS answers with the largest answer the extension accepts, and the time a catastrophically
// backtracking AllowedPattern takes to be checked as a value is typed.
import { performance } from 'node:perf_hooks';
import { AwsPorts } from '../src/aws';
import { maxAnswerBytes } from '../src/aws/httpHandler';
import { patternBudgetMs } from '../src/model/install/boundedMatch';
import { parameterProblem } from '../src/model/install/parameters';
import { planDiscovery } from '../src/model/discoveryPlan';
import { formatTable } from '../src/model/table';
import { main } from '../test/runner/processes';
import { median, withSimulator } from './benchWorld';

const shape = { profiles: 1, regions: 1, stacksPerRegion: 4, racksPerRegion: 1 };
const hostilePattern = '(a+)+$';
const hostileValue = `${'a'.repeat(5_000)}!`;

export interface Bounds {
  answerBytes: number;
  /** Resident memory before the discovery, its peak during it (sampled every 5 ms), and the growth, in MB. */
  rssBeforeMb: number;
  rssPeakMb: number;
  rssGrowthMb: number;
  discoveryMs: number;
  racks: number;
  errors: number;
  patternRunsMs: number[];
  patternMedianMs: number;
  patternMaxMs: number;
  /** What the check said of the hostile value: undefined (left to CloudFormation) is expected. */
  patternVerdict: string;
}

async function largestAnswerDiscovery(): Promise<
  Pick<Bounds, 'rssBeforeMb' | 'rssPeakMb' | 'rssGrowthMb' | 'discoveryMs' | 'racks' | 'errors'>
> {
  const recipe = {
    kind: 'bench' as const,
    options: shape,
    faults: [
      {
        service: 'cloudformation',
        operation: 'DescribeStacks',
        kind: 'hugeAnswer' as const,
        sizeBytes: maxAnswerBytes,
        chunked: true,
      },
    ],
  };
  return withSimulator(recipe, {}, async (_sim, settings) => {
    const ports = new AwsPorts({ maxAttempts: 1 });
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = performance.now();
    let racks = 0;
    let errors = 0;
    try {
      const plan = planDiscovery(await ports.discovery.profiles(), settings);
      await ports.discovery.discover(
        plan.pairs,
        (result) => {
          if (!result.done) return;
          racks += result.racks.length;
          if (result.error) errors += 1;
        },
        60_000,
      );
    } finally {
      clearInterval(sampler);
      ports.dispose();
    }
    const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
    return {
      rssBeforeMb: mb(before),
      rssPeakMb: mb(peak),
      rssGrowthMb: mb(peak - before),
      discoveryMs: Math.round(performance.now() - started),
      racks,
      errors,
    };
  });
}

function hostilePatternRuns(runs: number): { runsMs: number[]; verdict: string } {
  const parameter = { key: 'Hostile', type: 'String', noEcho: false, allowedPattern: hostilePattern };
  const runsMs: number[] = [];
  let verdict = '';
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    verdict = parameterProblem(parameter, hostileValue) ?? 'accepted here, left to CloudFormation';
    runsMs.push(performance.now() - started);
  }
  return { runsMs, verdict };
}

export async function measureBounds(runs: number): Promise<Bounds> {
  const discovery = await largestAnswerDiscovery();
  const pattern = hostilePatternRuns(Math.max(runs, 5));
  return {
    answerBytes: maxAnswerBytes,
    ...discovery,
    patternRunsMs: pattern.runsMs.map((ms) => Math.round(ms * 10) / 10),
    patternMedianMs: Math.round(median(pattern.runsMs) * 10) / 10,
    patternMaxMs: Math.round(Math.max(...pattern.runsMs) * 10) / 10,
    patternVerdict: pattern.verdict,
  };
}

/** The heading and table scripts/bench.ts prints. */
export function boundsTable(bounds: Bounds): string {
  const heading = `Bounds: one discovery (1 profile × 1 region) whose DescribeStacks answer is ${bounds.answerBytes / 1024 / 1024} MB, the most accepted; a hostile AllowedPattern checked as typed`;
  const table = formatTable(
    ['MEASURE', 'VALUE'],
    [
      ['resident memory before the discovery', `${bounds.rssBeforeMb} MB`],
      ['peak resident memory during it', `${bounds.rssPeakMb} MB (+${bounds.rssGrowthMb} MB)`],
      ['discovery time', `${bounds.discoveryMs} ms`],
      ['racks found, error rows', `${bounds.racks}, ${bounds.errors}`],
      [
        `check of ${hostilePattern} on ${hostileValue.length} characters: median`,
        `${bounds.patternMedianMs} ms (two tries of ${patternBudgetMs} ms)`,
      ],
      ['  slowest, runs', `${bounds.patternMaxMs} ms; ${bounds.patternRunsMs.map((ms) => `${ms} ms`).join(', ')}`],
      ['  verdict', bounds.patternVerdict],
    ],
  );
  return `${heading}\n${table}`;
}

if (require.main === module) {
  main(async () => {
    console.log(boundsTable(await measureBounds(5)));
    return 0;
  });
}
