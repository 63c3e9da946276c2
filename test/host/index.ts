// Entry point VS Code loads in the extension host (extensionTestsPath): runs the test files the runner named
// with mocha and writes the result where the runner reads it. A rejection makes VS Code exit with code 1.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { metrics } from './metrics';
import { resultVariable, testsVariable, type HostResult, type HostTestResult } from './protocol';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; the host tests are started by out/test/runner/host.js`);
  return value;
}

export function run(): Promise<void> {
  const files = required(testsVariable).split(',');
  const resultFile = required(resultVariable);
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, reporter: 'spec', color: false });
  files.forEach((file) => mocha.addFile(path.join(__dirname, file)));
  const tests: HostTestResult[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const result: HostResult = { passes: runner.stats?.passes ?? 0, failures, tests, metrics };
      fs.writeFileSync(resultFile, JSON.stringify(result, null, 2));
      if (failures > 0) reject(new Error(`${failures} host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), passed: true, durationMs: test.duration ?? 0 }));
    runner.on('fail', (test, error: unknown) => {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      tests.push({ title: test.fullTitle(), passed: false, durationMs: test.duration ?? 0, error: detail });
    });
  });
}
