// Runs the test stages and ends each with a line `STAGE: N passed, N failed`; exits non-zero when any stage fails.
// unit: mocha over test/unit and test/checks, then the lint and format checks (one test each);
// sim: mocha over test/aws and test/sim; host, minimum (host sessions on the oldest VS Code claimed) and ui (two
// walks at a time) are separate runners driving a real VS Code.
//
// `all` runs unit and sim in parallel with the install of code-server into the cache (runner/prepare.js): on two
// cores the install's native build and the mocha stages overlap, and the VS Code stages then start at once. The
// parallel children's output is printed whole as each ends, so the stages' reports do not interleave.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

type Stage = 'unit' | 'sim' | 'host' | 'minimum' | 'ui';
const order: Stage[] = ['unit', 'sim', 'host', 'minimum', 'ui'];

const mochaStages: Partial<Record<Stage, string[]>> = {
  unit: ['unit', 'checks'],
  sim: ['aws', 'sim'],
};
/** npm scripts run after the unit stage's mocha, each counted as one test. */
const unitScripts = ['lint', 'format:check'];
/** The runner (and its arguments) of each VS Code stage. */
const runnerStages: Partial<Record<Stage, string[]>> = {
  host: ['host.js'],
  minimum: ['host.js', '--minimum'],
  ui: ['ui.js', '--jobs', '2'],
};

interface Counts {
  passes: number;
  failures: number;
}

function testFiles(dirs: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.test.js')) found.push(full);
    }
  };
  dirs.forEach((dir) => walk(path.join(__dirname, dir)));
  return found.sort();
}

function runMocha(dirs: string[]): Promise<Counts> {
  const mocha = new Mocha({ timeout: 20_000, reporter: 'spec' });
  testFiles(dirs).forEach((file) => mocha.addFile(file));
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? { passes: 0, failures: 0 }));
  });
}

function runScript(script: string): boolean {
  console.log(`\nnpm run ${script}`);
  const projectRoot = path.resolve(__dirname, '..', '..');
  const result = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit', cwd: projectRoot });
  console.log(`  ${result.status === 0 ? 'ok  ' : 'FAIL'} npm run ${script}`);
  return result.status === 0;
}

/** A mocha stage in this process, with its scripts; prints its closing line. */
async function runInProcess(stage: Stage, dirs: string[]): Promise<boolean> {
  const counts = await runMocha(dirs);
  for (const script of stage === 'unit' ? unitScripts : []) {
    if (runScript(script)) counts.passes += 1;
    else counts.failures += 1;
  }
  console.log(`${stage}: ${counts.passes} passed, ${counts.failures} failed`);
  return counts.failures === 0 && counts.passes > 0;
}

function runRunner(args: string[]): boolean {
  const [script, ...rest] = args;
  const result = spawnSync(process.execPath, [path.join(__dirname, 'runner', script), ...rest], { stdio: 'inherit' });
  return result.status === 0;
}

/** A child node process whose output is kept and printed in one piece when it ends. */
function runQuietly(label: string, script: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('close', (code) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      process.stdout.write(`\n=== ${label} (${seconds} s, exit ${code}) ===\n${Buffer.concat(output).toString()}`);
      resolve(code === 0);
    });
  });
}

async function runStage(stage: Stage): Promise<boolean> {
  const dirs = mochaStages[stage];
  if (dirs) return runInProcess(stage, dirs);
  return runRunner(runnerStages[stage] ?? []);
}

/** Each stage's wall time, printed at the end: where CI's minutes go. */
const stageSeconds: Array<[string, number]> = [];

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    stageSeconds.push([name, Math.round((Date.now() - started) / 1000)]);
  }
}

async function runAll(): Promise<Stage[]> {
  console.log('unit and sim stages run in parallel with the install of code-server (when not cached)');
  const [unit, sim, prepared] = await Promise.all([
    timed('unit', () => runQuietly('unit', __filename, ['unit'])),
    timed('sim', () => runQuietly('sim', __filename, ['sim'])),
    timed('code-server install', () =>
      runQuietly('code-server install', path.join(__dirname, 'runner', 'prepare.js'), []),
    ),
  ]);
  const failed: Stage[] = [];
  if (!unit) failed.push('unit');
  if (!sim) failed.push('sim');
  if (!prepared) console.error('code-server could not be installed: the stages that run VS Code fail below');
  for (const stage of ['host', 'minimum', 'ui'] as const) {
    if (!(await timed(stage, () => runStage(stage)))) failed.push(stage);
  }
  console.log(`stage times: ${stageSeconds.map(([name, seconds]) => `${name} ${seconds} s`).join(', ')}`);
  return failed;
}

async function main(): Promise<void> {
  const wanted = process.argv[2] ?? 'all';
  let failed: Stage[];
  if (wanted === 'all') {
    failed = await runAll();
  } else {
    const stage = order.find((candidate) => candidate === wanted);
    if (!stage) throw new Error(`unknown stage "${wanted}"; use one of ${order.join(', ')} or all`);
    failed = (await runStage(stage)) ? [] : [stage];
  }
  if (failed.length > 0) {
    console.error(`failed stages: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

void main();
