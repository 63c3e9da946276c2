import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AwsPorts } from '../../src/aws';
import type { ClientOptions } from '../../src/aws/clients';
import type { DiscoveryError, Rack } from '../../src/model/rack';
import { planDiscovery } from '../../src/model/discoveryPlan';
import { Inventory } from '../../src/model/inventory';
import { RackStore } from '../../src/model/store/rackStore';
import { startSimulator, writeAwsConfig, type AwsConfigWritten, type Scenario, type Simulator } from '../sim';

const awsVariables = [
  'AWS_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_ENDPOINT_URL',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
];

/** What one discovery found. */
export interface ScanResult {
  racks: Rack[];
  errors: DiscoveryError[];
  hasProfiles: boolean | undefined;
}

/** A simulator plus AWS config files pointing at it, installed in process.env for the real SDK to read. */
export interface SimulatedAws {
  sim: Simulator;
  settings: AwsConfigWritten['settings'];
  credentialsFile: string;
  configFile: string;
  /** A temporary directory of the test's own, removed by `stop()`. */
  dir: string;
  /** One discovery (stack listing only, no lifecycle check) with fresh ports: new clients, no cache. */
  scan(options?: ScanOptions): Promise<ScanResult>;
  /** Fresh AWS ports, as the extension makes them. */
  ports(): AwsPorts;
  /** A store on `ports` with the scenario's settings and no automatic refresh. */
  store(ports: AwsPorts): RackStore;
  stop(): Promise<void>;
}

/** Client options, plus each pair's deadline (default: twice the request timeout). */
export type ScanOptions = ClientOptions & { deadlineMs?: number };

export async function simulatedAws(
  scenario: Scenario,
  options: { latencyMs?: number; dashboard?: boolean } = {},
): Promise<SimulatedAws> {
  const sim = await startSimulator({ scenario, latencyMs: options.latencyMs, dashboard: options.dashboard });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-aws-test-'));
  const saved = Object.fromEntries(awsVariables.map((name) => [name, process.env[name]]));
  awsVariables.forEach((name) => delete process.env[name]);
  const { configFile, credentialsFile, settings } = writeAwsConfig(dir, sim, scenario);
  process.env.AWS_CONFIG_FILE = configFile;
  process.env.AWS_SHARED_CREDENTIALS_FILE = credentialsFile;
  const store = (ports: AwsPorts): RackStore =>
    new RackStore(
      ports,
      () => ({ regions: settings['convox.regions'], organizations: settings['convox.organizations'] }),
      { intervalSeconds: 0 },
    );
  return {
    sim,
    settings,
    credentialsFile,
    configFile,
    dir,
    ports: () => new AwsPorts({ maxAttempts: 3 }),
    store,
    async scan(options = {}) {
      const ports = new AwsPorts({ maxAttempts: 3, ...options });
      const profiles = await ports.discovery.profiles();
      const plan = planDiscovery(profiles, {
        regions: settings['convox.regions'],
        organizations: settings['convox.organizations'],
      });
      const inventory = new Inventory(plan.pairs);
      await ports.discovery.discover(
        plan.pairs,
        (result) => inventory.update(result),
        options.deadlineMs ?? (options.requestTimeoutMs ?? 30_000) * 2,
      );
      ports.dispose();
      return { racks: inventory.racks(), errors: inventory.errors(), hasProfiles: profiles.length > 0 };
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

/** What `refreshedStoreHooks` gives each test of its suite. */
export interface RefreshedStore {
  aws: SimulatedAws;
  ports: AwsPorts;
  store: RackStore;
}

/**
 * Registers the enclosing suite's before/after hooks: a simulator with `scenario`, fresh ports and a store
 * refreshed once, handed to `use` before the first test; all stopped after the last.
 */
export function refreshedStoreHooks(
  scenario: () => Scenario,
  options: { dashboard?: boolean },
  use: (world: RefreshedStore) => void,
): void {
  let world: RefreshedStore | undefined;
  before(async () => {
    const aws = await simulatedAws(scenario(), options);
    const ports = aws.ports();
    world = { aws, ports, store: aws.store(ports) };
    await world.store.refresh('manual');
    use(world);
  });
  after(async () => {
    world?.store.dispose();
    world?.ports.dispose();
    await world?.aws.stop();
  });
}

/** Whether a process still runs; an ended child nobody reaped yet answers signal 0 but is a zombie in /proc. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}
