import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { fromEnv, fromIni, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { helperTimeoutMs } from '../model/helperTimeout';
import { convoxStacksOnly } from './convoxStacksOnly';
import { fromCredentialProcess } from './credentialProcess';
import { SharedHttpHandler } from './httpHandler';
import { sendWithCachedChains, type SdkClient } from './requestSignal';
import type { AwsProfile, ClientSettings, CredentialSource, ServiceKey } from './profiles';

export interface ClientOptions {
  /** Attempts per call, retries of throttled and transient failures included (SDK standard retry mode). */
  maxAttempts?: number;
  /** Milliseconds one request may take, answer included, and a socket may stay silent, before it fails. */
  requestTimeoutMs?: number;
  /** Milliseconds a credential_process may run before its process group is killed, asked at each start; by default the request deadline, at least 30 s. */
  helperTimeoutMs?: () => number;
}

type AwsCredentialIdentityProvider = ReturnType<typeof fromIni>;
type AwsCredentialIdentity = Awaited<ReturnType<AwsCredentialIdentityProvider>>;

/**
 * What every client is made with: the pair's region and credentials, the profile's endpoint and client settings,
 * shared limits. Nothing is left for the SDK to look up in the config files, which it would parse again per client.
 */
export interface ClientConfig extends Omit<ClientSettings, 'userAgentAppId'> {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  endpoint?: string;
  /** Endpoints from the config files are already resolved per profile (`endpoints`). */
  ignoreConfiguredEndpointUrls: true;
  userAgentAppId: () => Promise<string | undefined>;
  maxAttempts: number;
  cacheMiddleware: boolean;
  requestHandler: SharedHttpHandler;
}

const refreshBeforeExpiryMs = 5 * 60_000;
const defaultRequestTimeoutMs = 30_000;
/** STS's global endpoint region, for a role profile without a region of its own. */
const defaultStsRegion = 'us-east-1';
/** Connections to one host at once: every pair discovery lists at once (maxPairsInFlight), plus rack reads. */
const maxSocketsPerHost = 96;

/**
 * Resolves a profile's credentials once for all its regions' clients, again only after a failure or when they
 * near expiry. Callers that arrive while a lookup runs share its outcome, failure included, so a credential
 * process that failed is not started again by the calls that were waiting on it.
 */
function shared(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let pending: Promise<AwsCredentialIdentity> | undefined;
  let failed = false;
  let usableUntil = Number.POSITIVE_INFINITY;
  return () => {
    if (pending && (failed || usableUntil - Date.now() < refreshBeforeExpiryMs)) pending = undefined;
    if (!pending) {
      const attempt = provider();
      pending = attempt;
      failed = false;
      usableUntil = Number.POSITIVE_INFINITY;
      attempt.then(
        (identity) => {
          if (pending === attempt) usableUntil = identity.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
        },
        () => {
          if (pending === attempt) failed = true;
        },
      );
    }
    return pending;
  };
}

/** Where the STS calls of a role chain go, and through which connections. */
interface StsSettings {
  region: string;
  endpoint?: string;
  requestHandler: SharedHttpHandler;
}

function providerFor(
  profile: string,
  source: CredentialSource,
  helperTimeoutMs: () => number,
  sts: StsSettings,
): AwsCredentialIdentityProvider {
  switch (source.kind) {
    case 'environment':
      return fromEnv();
    case 'keys': {
      const keys = {
        accessKeyId: source.accessKeyId,
        secretAccessKey: source.secretAccessKey,
        sessionToken: source.sessionToken,
      };
      return () => Promise.resolve(keys);
    }
    case 'process':
      // The deadline is read at each run: the setting convox.requestTimeout may have changed since.
      return () => fromCredentialProcess(profile, source.command, { timeoutMs: helperTimeoutMs() })();
    case 'role':
      return fromTemporaryCredentials({
        masterCredentials: providerFor(source.sourceProfile, source.source, helperTimeoutMs, sts),
        params: {
          RoleArn: source.roleArn,
          RoleSessionName: source.sessionName ?? `convox-racks-${Date.now()}`,
          ...(source.externalId ? { ExternalId: source.externalId } : {}),
          ...(source.durationSeconds ? { DurationSeconds: source.durationSeconds } : {}),
        },
        clientConfig: {
          region: sts.region,
          endpoint: sts.endpoint,
          requestHandler: sts.requestHandler,
          maxAttempts: 2,
        },
      });
    case 'sdk':
      return fromIni({ profile, ignoreCache: true });
  }
}

/** One SDK client per (profile, region, service), reused for every call, all on one connection pool. */
export class AwsClients {
  private readonly clients = new Map<string, SdkClient>();
  private readonly credentials = new Map<string, AwsCredentialIdentityProvider>();
  private readonly handler: SharedHttpHandler;
  private profiles = new Map<string, AwsProfile>();
  /** Credential lookups in flight per profile, to tell a deadline spent waiting for credentials from one spent on AWS. */
  private readonly resolving = new Map<string, number>();

  constructor(private readonly options: ClientOptions = {}) {
    const timeout = options.requestTimeoutMs ?? defaultRequestTimeoutMs;
    // Without throwOnRequestTimeout the SDK only logs a warning when requestTimeout passes; socketTimeout ends
    // a connection that stalls after its headers.
    this.handler = new SharedHttpHandler({
      connectionTimeout: 5_000,
      requestTimeout: timeout,
      throwOnRequestTimeout: true,
      socketTimeout: timeout,
      httpAgent: { keepAlive: true, maxSockets: maxSocketsPerHost },
      httpsAgent: { keepAlive: true, maxSockets: maxSocketsPerHost },
    });
  }

  /**
   * The profiles of this refresh. A profile whose credentials or client settings changed in the files (new keys,
   * another credential_process, FIPS endpoints) loses its clients, which would otherwise keep what they had.
   */
  useProfiles(profiles: readonly AwsProfile[]): void {
    const previous = this.profiles;
    this.profiles = new Map(profiles.map((profile) => [profile.name, profile]));
    const made = (profile: AwsProfile | undefined): string => JSON.stringify([profile?.credentials, profile?.client]);
    for (const [name, profile] of previous)
      if (made(profile) !== made(this.profiles.get(name))) this.forgetProfile(name);
  }

  /** A profile of the last `useProfiles`. */
  profile(name: string): AwsProfile {
    const profile = this.profiles.get(name);
    if (!profile) throw new Error(`AWS profile "${name}" is no longer in your AWS config; refresh the racks.`);
    return profile;
  }

  cloudFormation(profile: AwsProfile, region: string): CloudFormationClient {
    return this.client('cloudformation', profile, region, (config) => {
      const client = new CloudFormationClient(config);
      client.middlewareStack.use(convoxStacksOnly);
      return client;
    });
  }

  /**
   * Drops one profile's clients and credentials (the SDK keeps static keys for a client's life), so the next
   * call reads the config files again: after AWS said the credentials expired, the person may have signed in
   * again or rotated the keys. Requests in flight finish: the connection pool they use stays.
   */
  forgetProfile(profile: string): void {
    this.credentials.delete(profile);
    for (const [key, client] of this.clients) {
      if (key.split('\u0000')[1] === profile) {
        client.destroy();
        this.clients.delete(key);
      }
    }
  }

  /** Drops every client and cached credential, and closes the connections. */
  reset(): void {
    this.clients.forEach((client) => client.destroy());
    this.clients.clear();
    this.credentials.clear();
    this.handler.close();
  }

  /** The client of one service for a profile and region, made by `create` the first time it is asked for. */
  client<T extends SdkClient>(
    service: ServiceKey,
    profile: AwsProfile,
    region: string,
    create: (config: ClientConfig) => T,
  ): T {
    const key = [service, profile.name, region, profile.endpoints[service] ?? ''].join('\u0000');
    let client = this.clients.get(key) as T | undefined;
    if (!client) {
      const { userAgentAppId, ...settings } = profile.client;
      client = sendWithCachedChains(
        create({
          ...settings,
          region,
          credentials: () => this.resolve(profile),
          endpoint: profile.endpoints[service],
          ignoreConfiguredEndpointUrls: true,
          userAgentAppId: () => Promise.resolve(userAgentAppId),
          maxAttempts: this.options.maxAttempts ?? 4,
          // Middleware is only added right after a client is made, so each command's chain can be built once.
          cacheMiddleware: true,
          requestHandler: this.handler,
        }),
      );
      this.clients.set(key, client);
    }
    return client;
  }

  /** Whether a call of this profile is still waiting for its credentials (a credential_process, an SSO sign-in). */
  isResolvingCredentials(profile: string): boolean {
    return (this.resolving.get(profile) ?? 0) > 0;
  }

  private async resolve(profile: AwsProfile): Promise<AwsCredentialIdentity> {
    this.resolving.set(profile.name, (this.resolving.get(profile.name) ?? 0) + 1);
    try {
      return await this.credentialsFor(profile)();
    } finally {
      this.resolving.set(profile.name, (this.resolving.get(profile.name) ?? 1) - 1);
    }
  }

  private credentialsFor(profile: AwsProfile): AwsCredentialIdentityProvider {
    let provider = this.credentials.get(profile.name);
    if (!provider) {
      const requestTimeoutMs = this.options.requestTimeoutMs ?? defaultRequestTimeoutMs;
      const timeout = this.options.helperTimeoutMs ?? (() => helperTimeoutMs(requestTimeoutMs));
      const sts = {
        region: profile.region ?? defaultStsRegion,
        endpoint: profile.endpoints.sts,
        requestHandler: this.handler,
      };
      provider = shared(providerFor(profile.name, profile.credentials, timeout, sts));
      this.credentials.set(profile.name, provider);
    }
    return provider;
  }
}
