// What the benchmark's parts share: medians, and a simulator on its own thread with AWS files pointing at it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ScanSettings } from '../src/model/settings';
import { AwsPorts } from '../src/aws';
import {
  startSimulator,
  writeAwsConfig,
  type AwsConfigWritten,
  type Scenario,
  type Simulator,
  type SimulatorOptions as InProcessOptions,
} from '../test/sim';
import { startSimulatorWorker, type ScenarioRecipe, type SimulatorWorker } from '../test/sim/worker';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface SimulatorOptions {
  latencyMs?: number;
  /** Writes the AWS files into `dir`; the scenario's static keys when absent. */
  awsFiles?: (dir: string, sim: SimulatorWorker) => AwsConfigWritten;
}

/**
 * Runs `body` with a simulator on its own thread and AWS config files pointing at it, installed in process.env;
 * `dir` (the files' folder) is removed afterwards, so `body` may keep more files there.
 */
export async function withSimulator<T>(
  recipe: ScenarioRecipe,
  options: SimulatorOptions,
  body: (sim: SimulatorWorker, settings: ScanSettings, aws: AwsConfigWritten & { dir: string }) => Promise<T>,
): Promise<T> {
  const sim = await startSimulatorWorker(recipe, options.latencyMs);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-bench-'));
  try {
    const aws = options.awsFiles ? options.awsFiles(dir, sim) : writeAwsConfig(dir, sim, sim.setup);
    process.env.AWS_CONFIG_FILE = aws.configFile;
    process.env.AWS_SHARED_CREDENTIALS_FILE = aws.credentialsFile;
    return await body(
      sim,
      { regions: aws.settings['convox.regions'], organizations: aws.settings['convox.organizations'] },
      { ...aws, dir },
    );
  } finally {
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs `body` with a simulator in this process (its calls and scenario at hand), AWS config files pointing at it
 * installed in process.env, and the extension's AWS ports; everything is stopped, removed and restored afterwards.
 */
export async function withInProcessSimulator<T>(
  scenario: Scenario,
  options: Omit<InProcessOptions, 'scenario'>,
  body: (sim: Simulator, ports: AwsPorts) => Promise<T>,
): Promise<T> {
  const sim = await startSimulator({ ...options, scenario });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-bench-'));
  const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
  const ports = new AwsPorts();
  try {
    const { configFile, credentialsFile } = writeAwsConfig(dir, sim, scenario);
    process.env.AWS_CONFIG_FILE = configFile;
    process.env.AWS_SHARED_CREDENTIALS_FILE = credentialsFile;
    return await body(sim, ports);
  } finally {
    ports.dispose();
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    process.env.AWS_CONFIG_FILE = saved.config;
    process.env.AWS_SHARED_CREDENTIALS_FILE = saved.credentials;
  }
}
