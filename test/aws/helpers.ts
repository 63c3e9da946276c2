import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AwsRackSource } from '../../src/aws/rackSource';
import type { DiscoveryRun } from '../../src/model/source';
import { startSimulator, writeAwsConfig, type AwsConfigWritten, type Scenario, type Simulator } from '../sim';

const awsVariables = ['AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'];

/** A simulator plus AWS config files pointing at it, installed in process.env for the real SDK to read. */
export interface SimulatedAws {
  sim: Simulator;
  settings: AwsConfigWritten['settings'];
  credentialsFile: string;
  /** A fresh source (new clients, no cache) that has finished one discovery. */
  scan(): Promise<DiscoveryRun>;
  source(): AwsRackSource;
  stop(): Promise<void>;
}

export async function simulatedAws(scenario: Scenario, options: { latencyMs?: number } = {}): Promise<SimulatedAws> {
  const sim = await startSimulator({ scenario, latencyMs: options.latencyMs });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-aws-test-'));
  const saved = Object.fromEntries(awsVariables.map((name) => [name, process.env[name]]));
  awsVariables.forEach((name) => delete process.env[name]);
  const { configFile, credentialsFile, settings } = writeAwsConfig(dir, sim, scenario);
  process.env.AWS_CONFIG_FILE = configFile;
  process.env.AWS_SHARED_CREDENTIALS_FILE = credentialsFile;
  return {
    sim,
    settings,
    credentialsFile,
    source: () => new AwsRackSource({ maxAttempts: 3 }),
    async scan() {
      const source = new AwsRackSource({ maxAttempts: 3 });
      const scan = await source.startDiscovery({ regions: settings['convox.regions'], organizations: settings['convox.organizations'] }, undefined, () => undefined);
      await scan.finished;
      source.clients.reset();
      return scan;
    },
    async stop() {
      await sim.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}
