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
export type ProfileSetup = Pick<Scenario, 'profiles' | 'regions' | 'organizations' | 'credentialsFileExtra'>;

export function awsConfigFor(sim: { url: string }, scenario: ProfileSetup): AwsConfigFiles {
  const endpoint = (userInfo: string | undefined): string =>
    userInfo ? sim.url.replace('://', `://${userInfo}@`) : sim.url;
  const config = scenario.profiles
    .map((profile) => {
      const process = profile.credentialProcess ? `credential_process = ${profile.credentialProcess}\n` : '';
      return `[profile ${profile.name}]\nregion = ${profile.region}\nendpoint_url = ${endpoint(profile.endpointUserInfo)}\noutput = json\n${process}`;
    })
    .join('\n');
  const credentials = [
    ...scenario.profiles
      .filter((profile) => !profile.credentialProcess)
      .map((profile) => {
        const token = profile.sessionToken ? `aws_session_token = ${profile.sessionToken}\n` : '';
        return `[${profile.name}]\naws_access_key_id = ${profile.accessKeyId}\naws_secret_access_key = ${profile.secretAccessKey}\n${token}`;
      }),
    ...(scenario.credentialsFileExtra ? [scenario.credentialsFileExtra] : []),
  ].join('\n');
  return {
    config,
    credentials,
    settings: {
      'convox.regions': [...scenario.regions],
      'convox.organizations': structuredClone(scenario.organizations),
    },
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
