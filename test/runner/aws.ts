// The AWS world a VS Code session sees: none at all, or the local simulator with a scenario. Either way it is
// described by files in a folder of the runner's, environment variables naming them, and VS Code settings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSimulator, writeAwsConfig, type Scenario, type Simulator } from '../sim';
import { onCleanup } from './processes';

export interface AwsWorld {
  /** For the extension host; with the server started without any AWS_* variable, these are all it sees. */
  env: Record<string, string>;
  /** VS Code user settings (convox.regions, convox.organizations, …). */
  settings: Record<string, unknown>;
  /** The running simulator, when there is one (to add faults or change the world mid-test). */
  simulator?: Simulator;
  stop(): Promise<void>;
}

/** No configuration at all: HOME and both AWS files point into an empty folder. */
export function noAws(dir: string): AwsWorld {
  fs.mkdirSync(dir, { recursive: true });
  return {
    env: {
      HOME: dir,
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    },
    settings: {},
    stop: async () => undefined,
  };
}

/**
 * The simulator serving `scenario`, with AWS config and credentials files whose profiles point at it, and the
 * release list it serves (new racks' API answering on its HTTPS listener).
 */
export async function simulatedAws(dir: string, scenario: Scenario): Promise<AwsWorld> {
  const simulator = await startSimulator({ scenario, dashboard: true });
  const stop = onCleanup(() => simulator.stop());
  const { configFile, credentialsFile, settings } = writeAwsConfig(dir, simulator, scenario);
  return {
    env: { HOME: dir, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile },
    settings: { ...settings, 'convox.releasesUrl': simulator.releasesUrl },
    simulator,
    stop,
  };
}
