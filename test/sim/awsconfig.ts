// The shared AWS files and VS Code settings that point the extension (or the AWS CLI) at a simulator.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Scenario } from './types';

export interface AwsConfigFiles {
  /** `~/.aws/config` text: one `[profile NAME]` per profile, with its region and the simulator as endpoint_url. */
  config: string;
  /** `~/.aws/credentials` text: one `[NAME]` per profile with its static keys. */
  credentials: string;
  settings: { 'convox.regions': string[]; 'convox.organizations': Record<string, string[]> };
}

/** What of a scenario the AWS files and settings are made from. */
export type ProfileSetup = Pick<Scenario, 'profiles' | 'regions' | 'organizations'>;

export function awsConfigFor(sim: { url: string }, scenario: ProfileSetup): AwsConfigFiles {
  const config = scenario.profiles
    .map((profile) => `[profile ${profile.name}]\nregion = ${profile.region}\nendpoint_url = ${sim.url}\noutput = json\n`)
    .join('\n');
  const credentials = scenario.profiles
    .map((profile) => `[${profile.name}]\naws_access_key_id = ${profile.accessKeyId}\naws_secret_access_key = ${profile.secretAccessKey}\n`)
    .join('\n');
  return {
    config,
    credentials,
    settings: { 'convox.regions': [...scenario.regions], 'convox.organizations': structuredClone(scenario.organizations) },
  };
}

export interface AwsConfigWritten {
  configFile: string;
  credentialsFile: string;
  settings: AwsConfigFiles['settings'];
}

/** Writes the config and credentials files pointing at `sim` into `dir` (credentials readable by the owner only). */
export function writeAwsConfig(dir: string, sim: { url: string }, scenario: ProfileSetup): AwsConfigWritten {
  const { config, credentials, settings } = awsConfigFor(sim, scenario);
  fs.mkdirSync(dir, { recursive: true });
  const configFile = path.join(dir, 'config');
  const credentialsFile = path.join(dir, 'credentials');
  fs.writeFileSync(configFile, config);
  fs.writeFileSync(credentialsFile, credentials, { mode: 0o600 });
  return { configFile, credentialsFile, settings };
}
