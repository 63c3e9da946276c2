import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { environmentProfile } from '../model/pair';

/** The AWS services the extension calls, by the key the shared config's `services` sections use. */
export type ServiceKey = 'cloudformation' | 'ecs' | 'ec2' | 'auto_scaling';

export interface AwsProfile {
  name: string;
  /** The profile's own `region`, if any. */
  region?: string;
  /** Endpoint per service, already resolved in the SDK's order of precedence; absent means AWS's own. */
  endpoints: Partial<Record<ServiceKey, string>>;
}

const serviceKeys: ServiceKey[] = ['cloudformation', 'ecs', 'ec2', 'auto_scaling'];

type Section = Record<string, string | undefined>;

function envEndpoints(env: NodeJS.ProcessEnv): Partial<Record<ServiceKey, string>> {
  const endpoints: Partial<Record<ServiceKey, string>> = {};
  for (const service of serviceKeys) {
    const url = env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] ?? env.AWS_ENDPOINT_URL;
    if (url) endpoints[service] = url;
  }
  return endpoints;
}

/**
 * Endpoints in the precedence the AWS SDKs document: service-specific environment variable, global
 * environment variable, the profile's `services` section, the profile's `endpoint_url`. The SDK would do this
 * itself only for the profile named by AWS_PROFILE, so it is done here for every profile.
 */
function profileEndpoints(section: Section, services: Section | undefined, env: NodeJS.ProcessEnv): Partial<Record<ServiceKey, string>> {
  const ignore = (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? section.ignore_configured_endpoint_urls) === 'true';
  if (ignore) return {};
  const endpoints: Partial<Record<ServiceKey, string>> = {};
  for (const service of serviceKeys) {
    const url = services?.[`${service}.endpoint_url`] ?? section.endpoint_url;
    if (url) endpoints[service] = url;
  }
  return { ...endpoints, ...envEndpoints(env) };
}

function isProfileKey(key: string): boolean {
  return !key.startsWith('sso-session.') && !key.startsWith('services.');
}

/**
 * Every profile of the shared config and credentials files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE),
 * plus a pseudo-profile for credentials set in the environment. Read fresh each time: the user may have run
 * `aws configure` or `aws sso login` since.
 */
export async function loadProfiles(env: NodeJS.ProcessEnv = process.env): Promise<AwsProfile[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const names = new Set([...Object.keys(configFile).filter(isProfileKey), ...Object.keys(credentialsFile)]);
  const profiles: AwsProfile[] = [...names].sort().map((name) => {
    const section: Section = { ...credentialsFile[name], ...configFile[name] };
    const servicesName = section.services;
    return {
      name,
      region: section.region,
      endpoints: profileEndpoints(section, servicesName ? configFile[`services.${servicesName}`] : undefined, env),
    };
  });
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    profiles.push({
      name: environmentProfile,
      region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
      endpoints: envEndpoints(env),
    });
  }
  return profiles;
}
