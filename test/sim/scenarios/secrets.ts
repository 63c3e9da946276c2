// A world with a marker secret in every place one can come from: keys and session tokens in the credentials
// file, a credential_process's command line, output and error output, a password in an endpoint_url, a pasted
// secret on a line the AWS config parser ignores, and the environment's keys. Tests assert no marker shows.
import type { Scenario } from '../types';
import { defaultKeys, defaultScenario } from './default';

/** Every planted secret; each must never appear in a row, a tooltip, a notification, the log or a file. */
export const secretMarkers = {
  secretKey: 'MARKER-SECRET-KEY-7f3a',
  sessionToken: 'MARKER-SESSION-TOKEN-91c2',
  commandLine: 'MARKER-COMMAND-LINE-5d8e',
  processOutput: 'MARKER-PROCESS-STDOUT-2b6f',
  processError: 'MARKER-PROCESS-STDERR-c4a1',
  endpointPassword: 'MARKER-ENDPOINT-PASSWORD-0e97',
  ignoredLine: 'MARKER-IGNORED-LINE-b35d',
  environmentSecret: 'MARKER-ENVIRONMENT-SECRET-6a10',
};

/** The environment's credentials for the extension host: a key no account knows, with a marker secret. */
export const secretEnvironment: Record<string, string> = {
  AWS_ACCESS_KEY_ID: 'AKIAUNKNOWNKEY000001',
  AWS_SECRET_ACCESS_KEY: secretMarkers.environmentSecret,
  AWS_REGION: 'us-east-1',
};

/**
 * The default world where acme-prod signs with marker secrets, acme-readonly's endpoint_url carries a password
 * and answers with an HTML error page, and globex's credential_process fails loudly.
 */
export function secretsScenario(): Scenario {
  const world = defaultScenario();
  const node = JSON.stringify(process.execPath);
  const failing = `process.stdout.write(${JSON.stringify(secretMarkers.processOutput)}); process.stderr.write(${JSON.stringify(secretMarkers.processError)}); process.exit(1)`;
  world.profiles = world.profiles.map((profile) => {
    switch (profile.name) {
      case 'acme-prod':
        return { ...profile, secretAccessKey: secretMarkers.secretKey, sessionToken: secretMarkers.sessionToken };
      case 'acme-readonly':
        return { ...profile, endpointUserInfo: `proxy:${secretMarkers.endpointPassword}` };
      case 'globex':
        return {
          ...profile,
          credentialProcess: `${node} -e ${JSON.stringify(failing)} -- --token=${secretMarkers.commandLine}`,
        };
      default:
        return profile;
    }
  });
  world.faults.push({ accessKeyId: defaultKeys.acmeReadonly, kind: 'html' });
  world.credentialsFileExtra = `[initech]\n${secretMarkers.ignoredLine}\n`;
  return world;
}
