// What the extension costs a VS Code window before it shows anything, for scripts/bench.ts: loading the bundle
// and activating it in a fresh Node process, and the size of the packaged .vsix. Measurements, never pass/fail;
// the team's budgets are printed beside them as notes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatTable } from '../src/model/table';
import { projectRoot } from '../test/runner/paths';
import { runToEnd } from '../test/runner/processes';
import type { ChildResult } from './startupChild';

export interface Startup {
  /** Median of `require(dist/extension.js)` plus `activate()` until it returns, each in a fresh Node process. */
  loadAndActivateMs: number;
  vsixBytes: number;
  loadMs: number;
  activateMs: number;
  /** Fresh processes measured. */
  processes: number;
  /** dist/*.js files in require's cache when activate() returned, in any of the processes. */
  bundlesLoaded: string[];
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
  return { ...env, HOME: dir, AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') };
}

/** `runs` fresh Node processes (scripts/startupChild.ts), each loading and activating the bundle once. */
async function loadAndActivate(runs: number): Promise<ChildResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-startup-'));
  try {
    const results: ChildResult[] = [];
    for (let run = 0; run < runs; run += 1) {
      const resultFile = path.join(dir, `result-${run}.json`);
      const log = path.join(dir, `child-${run}.log`);
      const code = await runToEnd(process.execPath, [path.join(__dirname, 'startupChild.js'), projectRoot, resultFile], { env: childEnvironment(dir), cwd: dir, output: log });
      if (code !== 0) throw new Error(`loading and activating the extension failed (exit ${code}):\n${fs.readFileSync(log, 'utf8')}`);
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
    const code = await runToEnd('npx', ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix], { env: process.env, cwd: projectRoot, output: log });
    if (code !== 0) throw new Error(`vsce package failed (exit ${code}):\n${fs.readFileSync(log, 'utf8')}`);
    return fs.statSync(vsix).size;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Load and activation over `runs` fresh processes, and the .vsix size. */
export async function measureStartup(options: { runs: number }): Promise<Startup> {
  const children = await loadAndActivate(options.runs);
  // require's cache holds real paths.
  const dist = fs.realpathSync(path.join(projectRoot, 'dist')) + path.sep;
  const bundlesLoaded = new Set(
    children.flatMap((child) => child.loaded.filter((file) => file.startsWith(dist) && file.endsWith('.js')).map((file) => path.join('dist', path.relative(dist, file)))),
  );
  const bytes = await vsixBytes();
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return {
    loadAndActivateMs: round(median(children.map((child) => child.loadMs + child.activateMs))),
    vsixBytes: bytes,
    loadMs: round(median(children.map((child) => child.loadMs))),
    activateMs: round(median(children.map((child) => child.activateMs))),
    processes: children.length,
    bundlesLoaded: [...bundlesLoaded].sort(),
  };
}

/** The heading and table scripts/bench.ts prints. */
export function startupTable(startup: Startup): string {
  const heading = `Startup: load + activate medians of ${startup.processes} fresh Node ${process.version} processes (stand-in vscode module)`;
  const table = formatTable(
    ['MEASURE', 'VALUE', 'NOTE'],
    [
      ['load + activate', `${startup.loadAndActivateMs} ms`, 'budget ≤ 50 ms'],
      ['  require(dist/extension.js)', `${startup.loadMs} ms`, ''],
      ['  activate() until it returns', `${startup.activateMs} ms`, ''],
      ['dist/*.js loaded by then', startup.bundlesLoaded.join(', '), 'lazily loaded bundles must not be among them'],
      ['packaged .vsix', `${startup.vsixBytes} bytes`, `${(startup.vsixBytes / 1_048_576).toFixed(2)} MB as vsce counts (1 MB = 1,048,576 bytes); budget ≤ 1 MB`],
    ],
  );
  return `${heading}\n${table}`;
}
