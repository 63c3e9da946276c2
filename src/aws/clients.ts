import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { fromEnv, fromIni } from '@aws-sdk/credential-providers';
import { environmentProfile } from '../model/pair';
import { convoxStacksOnly } from './convoxStacksOnly';
import type { AwsProfile, ServiceKey } from './profiles';

export interface ClientOptions {
  /** Attempts per call, retries of throttled and transient failures included (SDK standard retry mode). */
  maxAttempts?: number;
  /** Milliseconds one request may take, answer included, and a socket may stay silent, before it fails. */
  requestTimeoutMs?: number;
}

type AwsCredentialIdentityProvider = ReturnType<typeof fromIni>;
type AwsCredentialIdentity = Awaited<ReturnType<AwsCredentialIdentityProvider>>;

/** What every client is made with: the pair's region and credentials, the profile's endpoint, shared limits. */
export interface ClientConfig {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  endpoint?: string;
  maxAttempts: number;
  cacheMiddleware: boolean;
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean; socketTimeout: number };
}

interface Destroyable {
  destroy(): void;
}

const refreshBeforeExpiryMs = 5 * 60_000;
const defaultRequestTimeoutMs = 30_000;

/** Resolves a profile's credentials once for all its regions' clients, again only when they near expiry. */
function shared(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    if (pending) {
      const current = await pending.catch(() => undefined);
      const expiresSoon = current?.expiration && current.expiration.getTime() - Date.now() < refreshBeforeExpiryMs;
      if (!current || expiresSoon) pending = undefined;
    }
    pending ??= provider();
    return pending;
  };
}

/** One SDK client per (profile, region, service), reused for every call. */
export class AwsClients {
  private readonly clients = new Map<string, Destroyable>();
  private readonly credentials = new Map<string, AwsCredentialIdentityProvider>();

  constructor(private readonly options: ClientOptions = {}) {}

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
   * again or rotated the keys. Call it when none of the profile's requests is in flight.
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

  /** Drops every client and cached credential. */
  reset(): void {
    this.clients.forEach((client) => client.destroy());
    this.clients.clear();
    this.credentials.clear();
  }

  /** The client of one service for a profile and region, made by `create` the first time it is asked for. */
  client<T extends Destroyable>(service: ServiceKey, profile: AwsProfile, region: string, create: (config: ClientConfig) => T): T {
    const key = [service, profile.name, region, profile.endpoints[service] ?? ''].join('\u0000');
    let client = this.clients.get(key) as T | undefined;
    if (!client) {
      const timeout = this.options.requestTimeoutMs ?? defaultRequestTimeoutMs;
      client = create({
        region,
        credentials: this.credentialsFor(profile.name),
        endpoint: profile.endpoints[service],
        maxAttempts: this.options.maxAttempts ?? 4,
        // Middleware is only added right after a client is made, so each command's chain can be built once.
        cacheMiddleware: true,
        // Without throwOnRequestTimeout the SDK only logs a warning when requestTimeout passes; socketTimeout
        // ends a connection that stalls after its headers.
        requestHandler: { connectionTimeout: 5_000, requestTimeout: timeout, throwOnRequestTimeout: true, socketTimeout: timeout },
      });
      this.clients.set(key, client);
    }
    return client;
  }

  private credentialsFor(profile: string): AwsCredentialIdentityProvider {
    let provider = this.credentials.get(profile);
    if (!provider) {
      provider = shared(profile === environmentProfile ? fromEnv() : fromIni({ profile, ignoreCache: true }));
      this.credentials.set(profile, provider);
    }
    return provider;
  }
}
