// Runs the test stages in order and ends each with a line `STAGE: N passed, N failed`.
// unit and sim run mocha in this process; host and ui are separate runners (a real VS Code).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

type Stage = 'unit' | 'sim' | 'host' | 'ui';
const order: Stage[] = ['unit', 'sim', 'host', 'ui'];

const mochaStages: Partial<Record<Stage, string[]>> = {
  unit: ['unit'],
  sim: ['aws', 'sim'],
};

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

function runMocha(stage: Stage, dirs: string[]): Promise<boolean> {
  const mocha = new Mocha({ timeout: 20_000, reporter: 'spec' });
  testFiles(dirs).forEach((file) => mocha.addFile(file));
  return new Promise((resolve) => {
    const runner = mocha.run(() => {
      const { passes, failures } = runner.stats ?? { passes: 0, failures: 0 };
      console.log(`${stage}: ${passes} passed, ${failures} failed`);
      resolve(failures === 0 && passes > 0);
    });
  });
}

function runChild(stage: Stage): boolean {
  const script = path.join(__dirname, 'runner', `${stage}.js`);
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  return result.status === 0;
}

async function main(): Promise<void> {
  const wanted = process.argv[2] ?? 'all';
  const stages = wanted === 'all' ? order : order.filter((stage) => stage === wanted);
  if (stages.length === 0) throw new Error(`unknown stage "${wanted}"; use one of ${order.join(', ')} or all`);
  const failed: Stage[] = [];
  for (const stage of stages) {
    const dirs = mochaStages[stage];
    const ok = dirs ? await runMocha(stage, dirs) : runChild(stage);
    if (!ok) failed.push(stage);
  }
  if (failed.length > 0) {
    console.error(`failed stages: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

void main();
