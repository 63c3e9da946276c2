// Scale for scripts/bench.ts: what one first refresh over 1,000 profiles costs (CPU time and peak memory of a
// fresh process running nothing else), and how many credential_process commands run at once when 100 profiles
// each need one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AwsPorts } from '../src/aws';
import { maxHelperProcesses } from '../src/helperProcess/runner';
import { RackStore } from '../src/model/store/rackStore';
import { formatTable } from '../src/model/table';
import type { AwsConfigWritten } from '../test/sim';
import { runToEnd } from '../test/runner/processes';
import type { ManyProfilesOptions } from '../test/sim/scenarios/bench';
import type { SimulatorWorker } from '../test/sim/worker';
import { median, withSimulator } from './benchWorld';
import type { ScaleChildResult } from './scaleChild';

const budgets = { cpuMs: 5_000, rssMb: 300, inFlight: 8 };
const manyProfiles: ManyProfilesOptions = { profiles: 1_000, stacksPerProfile: 3, rackEvery: 50 };
/** Fresh processes measured for the 1,000 profiles. */
const scaleRuns = 3;
const processProfiles: ManyProfilesOptions = { profiles: 100, stacksPerProfile: 3, rackEvery: 10 };
/** How long scripts/slowCredentialProcess.ts takes. */
const processMs = 1_000;
const processLog = 'credential-process.log';

export interface Scale {
  /** Median CPU time (user + system) of the measuring process over the first refresh of 1,000 profiles. */
  profiles1000CpuMs: number;
  /** Median of each run's peak sampled RSS over that refresh. */
  profiles1000RssMb: number;
  /** The most credential processes the log shows running at once, 100 profiles each needing one. */
  credentialProcessesInFlight: number;
  budgets: typeof budgets;
  profiles1000: {
    runs: ScaleChildResult[];
    expectedRacks: number;
    problems: string[];
  };
  credentialProcesses: {
    profiles: number;
    refreshMs: number;
    /** No refresh can be faster: every process takes a second and only so many run at once. */
    floorMs: number;
    started: number;
    ended: number;
    listings: number;
    racks: number;
    expectedRacks: number;
    problems: string[];
  };
}

/** The parent's environment without AWS_* variables (the user's real AWS), pointed at the simulator's files. */
function childEnvironment(aws: AwsConfigWritten & { dir: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^AWS_/i.test(key)) env[key] = value;
  }
  return { ...env, HOME: aws.dir, AWS_CONFIG_FILE: aws.configFile, AWS_SHARED_CREDENTIALS_FILE: aws.credentialsFile };
}

/**
 * Each run is a fresh Node process (scripts/scaleChild.ts) so that no earlier benchmark's heap or compiled code
 * counts; the simulator stays on a worker thread of this process, so its CPU time is not in the child's.
 */
function profiles1000(latencyMs: number): Promise<Scale['profiles1000']> {
  return withSimulator({ kind: 'manyProfiles', options: manyProfiles }, { latencyMs }, async (sim, settings, aws) => {
    const expectedRacks = Math.ceil(manyProfiles.profiles / manyProfiles.rackEvery);
    const runs: ScaleChildResult[] = [];
    const problems = new Set<string>();
    for (let run = 0; run < scaleRuns; run++) {
      await sim.reset();
      const resultFile = path.join(aws.dir, `scale-${run}.json`);
      const log = path.join(aws.dir, `scale-${run}.log`);
      const code = await runToEnd(
        process.execPath,
        [path.join(__dirname, 'scaleChild.js'), resultFile, JSON.stringify(settings)],
        { env: childEnvironment(aws), cwd: aws.dir, output: log },
      );
      if (code !== 0)
        throw new Error(`the 1,000-profile refresh failed (exit ${code}):\n${fs.readFileSync(log, 'utf8')}`);
      const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ScaleChildResult;
      runs.push(result);
      if (result.racks !== expectedRacks)
        problems.add(`run ${run + 1}: ${result.racks} racks instead of ${expectedRacks}`);
      if (result.errors > 0)
        problems.add(`run ${run + 1}: ${result.errors} error rows, the first: ${result.firstError}`);
    }
    return { runs, expectedRacks, problems: [...problems] };
  });
}

/** A config file whose profiles get their keys from scripts/slowCredentialProcess.ts, and an empty credentials file. */
function credentialProcessFiles(dir: string, sim: SimulatorWorker): AwsConfigWritten {
  const script = path.join(__dirname, 'slowCredentialProcess.js');
  const log = path.join(dir, processLog);
  const config = sim.setup.profiles
    .map(
      (profile) =>
        `[profile ${profile.name}]\nregion = ${profile.region}\nendpoint_url = ${sim.url}\n` +
        `credential_process = "${process.execPath}" "${script}" "${log}" ${profile.accessKeyId} ${profile.secretAccessKey}\n`,
    )
    .join('\n');
  const configFile = path.join(dir, 'config');
  const credentialsFile = path.join(dir, 'credentials');
  fs.writeFileSync(configFile, config);
  fs.writeFileSync(credentialsFile, '', { mode: 0o600 });
  return {
    configFile,
    credentialsFile,
    settings: {
      'convox.regions': [...sim.setup.regions],
      'convox.organizations': structuredClone(sim.setup.organizations),
    },
  };
}

/** The most `start` lines not yet matched by an `end` at any moment; at equal times an end counts first. */
function maxInFlight(log: string): { max: number; started: number; ended: number } {
  const events = log
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [kind, at] = line.split(' ');
      return { at: Number(at), change: kind === 'start' ? 1 : -1 };
    })
    .sort((a, b) => a.at - b.at || a.change - b.change);
  let running = 0;
  let max = 0;
  for (const event of events) {
    running += event.change;
    max = Math.max(max, running);
  }
  return {
    max,
    started: events.filter((event) => event.change > 0).length,
    ended: events.filter((event) => event.change < 0).length,
  };
}

/** One refresh of a fresh store over 100 profiles whose keys each come from a one-second credential_process. */
function credentialProcesses(latencyMs: number): Promise<Scale['credentialProcesses'] & { inFlight: number }> {
  return withSimulator(
    { kind: 'manyProfiles', options: processProfiles },
    { latencyMs, awsFiles: credentialProcessFiles },
    async (sim, settings, aws) => {
      const ports = new AwsPorts();
      const store = new RackStore(ports, () => settings, { intervalSeconds: 0 });
      const started = performance.now();
      await store.refresh('manual');
      const refreshMs = Math.round(performance.now() - started);
      const { profiles } = processProfiles;
      const expectedRacks = Math.ceil(profiles / processProfiles.rackEvery);
      const listings = await sim.count({ service: 'cloudformation', operation: 'DescribeStacks' });
      const racks = store.racks().length;
      const errors = store.errors();
      store.dispose();
      ports.dispose();
      const log = maxInFlight(fs.readFileSync(path.join(aws.dir, processLog), 'utf8'));
      const problems: string[] = [];
      if (errors.length > 0) problems.push(`${errors.length} error rows, the first: ${errors[0].message}`);
      if (listings !== profiles) problems.push(`${listings} DescribeStacks calls instead of ${profiles}`);
      if (racks !== expectedRacks) problems.push(`${racks} racks instead of ${expectedRacks}`);
      if (log.started !== profiles || log.ended !== profiles)
        problems.push(`${log.started} processes started and ${log.ended} ended instead of ${profiles}`);
      return {
        inFlight: log.max,
        profiles,
        refreshMs,
        floorMs: Math.ceil(profiles / maxHelperProcesses) * processMs,
        started: log.started,
        ended: log.ended,
        listings,
        racks,
        expectedRacks,
        problems,
      };
    },
  );
}

/** Both scale measurements; the simulator answers after `latencyMs`. */
export async function measureScale(latencyMs: number): Promise<Scale> {
  const many = await profiles1000(latencyMs);
  const { inFlight, ...processes } = await credentialProcesses(latencyMs);
  return {
    profiles1000CpuMs: Math.round(median(many.runs.map((run) => run.cpuMs))),
    profiles1000RssMb: median(many.runs.map((run) => run.peakRssMb)),
    credentialProcessesInFlight: inFlight,
    budgets,
    profiles1000: many,
    credentialProcesses: processes,
  };
}

const verdict = (value: number, budget: number): string =>
  value <= budget ? 'within' : `over by ${Math.round((value - budget) * 10) / 10}`;

/** The heading and table scripts/bench.ts prints. */
export function scaleTable(scale: Scale): string {
  const { runs } = scale.profiles1000;
  const processes = scale.credentialProcesses;
  const problems = [...scale.profiles1000.problems, ...processes.problems];
  const heading =
    `Scale: first refresh of ${manyProfiles.profiles} profiles × 1 region (static keys; ${manyProfiles.stacksPerProfile} stacks each, a rack in every ${manyProfiles.rackEvery}th) ` +
    `in a fresh Node process, medians of ${runs.length}; ${processes.profiles} profiles whose keys come from a ${processMs / 1000} s credential_process, one refresh`;
  const table = formatTable(
    ['MEASURE', 'VALUE', 'BUDGET', 'NOTE'],
    [
      [
        '1,000 profiles: CPU (user + system)',
        `${scale.profiles1000CpuMs} ms`,
        `≤ ${budgets.cpuMs} ms`,
        `${verdict(scale.profiles1000CpuMs, budgets.cpuMs)}; runs ${runs.map((run) => `${run.cpuMs}`).join(', ')} ms`,
      ],
      [
        '1,000 profiles: peak RSS',
        `${scale.profiles1000RssMb} MB`,
        `≤ ${budgets.rssMb} MB`,
        `${verdict(scale.profiles1000RssMb, budgets.rssMb)}; sampled every ${runs[0]?.sampleMs} ms; ${median(runs.map((run) => run.rssBeforeMb))} MB before; kernel high-water mark ${median(runs.map((run) => run.maxRssMb))} MB`,
      ],
      ['1,000 profiles: refresh time', `${median(runs.map((run) => run.wallMs))} ms`, '', ''],
      [
        'credential processes at once',
        String(scale.credentialProcessesInFlight),
        `≤ ${budgets.inFlight}`,
        `${verdict(scale.credentialProcessesInFlight, budgets.inFlight)}; ${processes.started} started, ${processes.ended} ended`,
      ],
      [
        '  refresh time with them',
        `${processes.refreshMs} ms`,
        '',
        `floor ${processes.floorMs} ms: ${processes.profiles} × ${processMs / 1000} s, ${maxHelperProcesses} at once, not counting the start of a shell and Node for each`,
      ],
      [
        'result',
        problems.length === 0 ? 'as expected' : 'NOT as expected (below)',
        '',
        'every pair listed, no error row, every rack',
      ],
    ],
  );
  return [heading, table, ...problems.map((problem) => `  ${problem}`)].join('\n');
}
