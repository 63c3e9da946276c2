// What the extension costs a VS Code window before it shows anything, for scripts/bench.ts: loading the bundle
// and activating it in a fresh Node process, the size of the packaged .vsix, and how much longer than a minimal
// tree-view extension the Racks view takes to show its first row in a real workbench (without and with the
// last-seen racks of an earlier session in place). Measurements, never pass/fail; the team's budgets are printed
// beside them as notes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatTable } from '../src/model/table';
import { firstRowMs } from '../test/runner/firstRack';
import { projectRoot } from '../test/runner/paths';
import { runToEnd } from '../test/runner/processes';
import type { ChildResult } from './startupChild';

export interface FirstRow {
  /** Median milliseconds from the click on the Convox icon to the first rack row. */
  convoxMs: number;
  /** The same for test/fixtures/minimal-tree, whose one row needs no work at all. */
  minimalTreeMs: number;
  /** Median milliseconds from the click to the first rack row, the last-seen racks in place: a row from the cache. */
  cachedMs: number;
  /** The same sessions' median from the click to the first row listed afresh. */
  cachedFreshMs: number;
  /** Simulated AWS latency on the Convox critical path, taken off before the ratio. */
  subtractedLatencyMs: number;
  convoxRunsMs: number[];
  cachedRunsMs: number[];
  cachedFreshRunsMs: number[];
  minimalTreeRunsMs: number[];
}

export interface Startup {
  /** Median of `require(dist/extension.js)` plus `activate()` until it returns, each in a fresh Node process. */
  loadAndActivateMs: number;
  /** (Convox first row − subtracted latency) / minimal tree's first row, from medians; null without the UI part. */
  firstRowRatio: number | null;
  /** The last-seen racks in place: first row (from the cache, no AWS call on its way) / minimal tree's first row. */
  cachedFirstRowRatio: number | null;
  /** The last-seen racks in place: (first fresh row − subtracted latency) / minimal tree's first row. */
  firstFreshRowRatio: number | null;
  vsixBytes: number;
  loadMs: number;
  activateMs: number;
  /** Fresh processes measured. */
  processes: number;
  /** dist/*.js files in require's cache when activate() returned, in any of the processes. */
  bundlesLoaded: string[];
  firstRow: FirstRow | null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** With AWS_* variables, activate() could reach the user's real AWS: the child sees no AWS configuration at all. */
function childEnvironment(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^AWS_/i.test(key)) env[key] = value;
  }
  return {
    ...env,
    HOME: dir,
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
  };
}

/** `runs` fresh Node processes (scripts/startupChild.ts), each loading and activating the bundle once. */
async function loadAndActivate(runs: number): Promise<ChildResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-startup-'));
  try {
    const results: ChildResult[] = [];
    for (let run = 0; run < runs; run += 1) {
      const resultFile = path.join(dir, `result-${run}.json`);
      const log = path.join(dir, `child-${run}.log`);
      const code = await runToEnd(
        process.execPath,
        [path.join(__dirname, 'startupChild.js'), projectRoot, resultFile],
        { env: childEnvironment(dir), cwd: dir, output: log },
      );
      if (code !== 0)
        throw new Error(`loading and activating the extension failed (exit ${code}):\n${fs.readFileSync(log, 'utf8')}`);
      results.push(JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ChildResult);
    }
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Bytes of the .vsix `npm run package` makes (from the current dist/), packaged in a temporary folder. */
async function vsixBytes(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-vsix-'));
  try {
    const vsix = path.join(dir, 'x.vsix');
    const log = path.join(dir, 'vsce.log');
    const code = await runToEnd('npx', ['vsce', 'package', '--no-dependencies', '--out', vsix], {
      env: process.env,
      cwd: projectRoot,
      output: log,
    });
    if (code !== 0) throw new Error(`vsce package failed (exit ${code}):\n${fs.readFileSync(log, 'utf8')}`);
    return fs.statSync(vsix).size;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Load and activation over `runs` fresh processes, the .vsix size, and unless `ui` is false the click-to-first-row
 * times of the Racks view (AWS calls delayed `latencyMs`) and of the minimal tree, `runs` of each.
 */
export async function measureStartup(options: { runs: number; latencyMs: number; ui: boolean }): Promise<Startup> {
  const children = await loadAndActivate(options.runs);
  // require's cache holds real paths.
  const dist = fs.realpathSync(path.join(projectRoot, 'dist')) + path.sep;
  const bundlesLoaded = new Set(
    children.flatMap((child) =>
      child.loaded
        .filter((file) => file.startsWith(dist) && file.endsWith('.js'))
        .map((file) => path.join('dist', path.relative(dist, file))),
    ),
  );
  const bytes = await vsixBytes();
  let firstRow: FirstRow | null = null;
  if (options.ui) {
    const times = await firstRowMs({ latencyMs: options.latencyMs, runs: options.runs });
    firstRow = {
      convoxMs: Math.round(median(times.convox)),
      minimalTreeMs: Math.round(median(times.minimalTree)),
      cachedMs: Math.round(median(times.convoxCached)),
      cachedFreshMs: Math.round(median(times.convoxCachedFresh)),
      // Discovery's first answers need one DescribeStacks call per profile/region pair, all pairs at once.
      subtractedLatencyMs: options.latencyMs,
      convoxRunsMs: times.convox,
      cachedRunsMs: times.convoxCached,
      cachedFreshRunsMs: times.convoxCachedFresh,
      minimalTreeRunsMs: times.minimalTree,
    };
  }
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  const ratio = (ms: number, subtracted: number): number | null =>
    firstRow && Math.round(((ms - subtracted) / firstRow.minimalTreeMs) * 100) / 100;
  return {
    loadAndActivateMs: round(median(children.map((child) => child.loadMs + child.activateMs))),
    firstRowRatio: firstRow && ratio(firstRow.convoxMs, firstRow.subtractedLatencyMs),
    cachedFirstRowRatio: firstRow && ratio(firstRow.cachedMs, 0),
    firstFreshRowRatio: firstRow && ratio(firstRow.cachedFreshMs, firstRow.subtractedLatencyMs),
    vsixBytes: bytes,
    loadMs: round(median(children.map((child) => child.loadMs))),
    activateMs: round(median(children.map((child) => child.activateMs))),
    processes: children.length,
    bundlesLoaded: [...bundlesLoaded].sort(),
    firstRow,
  };
}

/** The heading and table scripts/bench.ts prints. */
export function startupTable(startup: Startup): string {
  const { firstRow } = startup;
  const firstRowRows: string[][] = firstRow
    ? [
        [
          'click → first row: Convox Racks view (AWS calls delayed)',
          `${firstRow.convoxMs} ms`,
          `runs: ${firstRow.convoxRunsMs.join(', ')} ms`,
        ],
        [
          'click → first row: minimal tree-view extension',
          `${firstRow.minimalTreeMs} ms`,
          `runs: ${firstRow.minimalTreeRunsMs.join(', ')} ms; test/fixtures/minimal-tree`,
        ],
        [
          'first-row ratio',
          String(startup.firstRowRatio),
          `budget ≤ 1.3; (Convox − ${firstRow.subtractedLatencyMs} ms of simulated AWS latency: one DescribeStacks per profile/region pair, all at once) / minimal`,
        ],
        [
          'click → first row (from the cache)',
          `${firstRow.cachedMs} ms`,
          `runs: ${firstRow.cachedRunsMs.join(', ')} ms; last-seen racks of an hour ago in globalState`,
        ],
        ['  ratio to minimal', String(startup.cachedFirstRowRatio), 'Convox (no AWS call on the way) / minimal'],
        [
          'click → first fresh row (cache in place)',
          `${firstRow.cachedFreshMs} ms`,
          `runs: ${firstRow.cachedFreshRunsMs.join(', ')} ms; the first row listed by AWS, same sessions`,
        ],
        [
          '  ratio to minimal',
          String(startup.firstFreshRowRatio),
          `(Convox − ${firstRow.subtractedLatencyMs} ms of simulated AWS latency) / minimal`,
        ],
      ]
    : [['first-row ratio', 'not measured', '--no-ui']];
  const heading =
    `Startup: load + activate medians of ${startup.processes} fresh Node ${process.version} processes (stand-in vscode module)` +
    (firstRow
      ? `; click → first row medians of ${firstRow.convoxRunsMs.length} runs each, Convox, Convox with the cache and minimal interleaved`
      : '');
  const table = formatTable(
    ['MEASURE', 'VALUE', 'NOTE'],
    [
      ['load + activate', `${startup.loadAndActivateMs} ms`, 'budget ≤ 50 ms'],
      ['  require(dist/extension.js)', `${startup.loadMs} ms`, ''],
      ['  activate() until it returns', `${startup.activateMs} ms`, ''],
      ['dist/*.js loaded by then', startup.bundlesLoaded.join(', '), 'lazily loaded bundles must not be among them'],
      [
        'packaged .vsix',
        `${startup.vsixBytes} bytes`,
        `${(startup.vsixBytes / 1_048_576).toFixed(2)} MB as vsce counts (1 MB = 1,048,576 bytes); budget ≤ 1 MB`,
      ],
      ...firstRowRows,
    ],
  );
  return `${heading}\n${table}`;
}
