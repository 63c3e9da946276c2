import * as http from 'node:http';
import * as https from 'node:https';
// The configuration module alone: the package's index would bring the generated API client (1.6 MB with undici),
// while one GET of namespaces needs only the connection options the configuration gives (see scripts/bundle.mjs).
import { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import type { User } from '@kubernetes/client-node/dist/config_types.js';
import { minimumHelperTimeoutMs } from '../model/helperTimeout';
import { localRackSelector, type LocalLookup } from '../model/local/localRacks';
import { execCredential, type ExecConfig } from './execCredentials';
import { kubeconfigVersion, missingKubeconfig } from './kubeconfig';
import { messageOf } from '../model/errorMessage';

/** The kubeconfig as last read, and the version of its files it was read from. */
let loaded: { version: string; config: KubeConfig } | undefined;

/** One KubeConfig per version of the files: parsing them again each refresh would lose what it learnt. */
function currentKubeconfig(): KubeConfig {
  const version = kubeconfigVersion(process.env);
  if (loaded?.version !== version) {
    const config = new KubeConfig();
    config.loadFromDefault();
    loaded = { version, config };
  }
  return loaded.config;
}

/** A user whose credentials come from a legacy auth provider's `cmd-path`, which the client would run synchronously. */
function legacyHelper(user: User): string | undefined {
  const provider = user.authProvider as { name?: unknown; config?: Record<string, unknown> } | undefined;
  return provider?.config?.['cmd-path'] !== undefined ? String(provider.name ?? 'unnamed') : undefined;
}

function execOf(user: User): ExecConfig | undefined {
  const exec = (user.exec ?? (user.authProvider as { config?: { exec?: unknown } } | undefined)?.config?.exec) as
    Partial<ExecConfig> | undefined;
  return typeof exec?.command === 'string' ? (exec as ExecConfig) : undefined;
}

/**
 * The kubeconfig to call the API with: as read, or, for a user with an exec plugin, a copy whose user carries the
 * plugin's credential (run under the project's runner, never by the client, which would run it with no deadline).
 */
async function authenticated(config: KubeConfig, helperTimeoutMs: number): Promise<KubeConfig> {
  const user = config.getCurrentUser();
  const exec = user && execOf(user);
  if (!user || !exec) return config;
  const credential = await execCredential(user.name, exec, helperTimeoutMs);
  const pem = (text: string | undefined): string | undefined =>
    text === undefined ? undefined : Buffer.from(text).toString('base64');
  const withCredential: User = {
    ...user,
    exec: undefined,
    authProvider: undefined,
    token: credential.token,
    ...(credential.clientCertificateData
      ? {
          certData: pem(credential.clientCertificateData),
          certFile: undefined,
          keyData: pem(credential.clientKeyData),
          keyFile: undefined,
        }
      : {}),
  };
  const copy = new KubeConfig();
  copy.loadFromOptions({
    clusters: config.getClusters(),
    contexts: config.getContexts(),
    users: config.getUsers().map((candidate) => (candidate.name === user.name ? withCredential : candidate)),
    currentContext: config.getCurrentContext(),
  });
  return copy;
}

/**
 * Lists the rack namespaces of kubectl's current context, as `convox racks` does with `kubectl get ns`. This
 * module is its own bundle (dist/kubernetes.js, the ESM-only client made CommonJS), loaded by ./localLookup.ts.
 * The lookup ends within `deadlineMs`; an exec plugin it started goes on to its own deadline, `helperTimeoutMs`,
 * and the next lookup joins it rather than starting another.
 */
export async function lookUpLocalRacks(
  deadlineMs: number,
  helperTimeoutMs = minimumHelperTimeoutMs,
): Promise<LocalLookup> {
  const missing = missingKubeconfig(process.env);
  if (missing) throw new Error(missing);
  const config = currentKubeconfig();
  const context = config.getCurrentContext();
  const cluster = config.getCurrentCluster();
  if (!context || !cluster) throw new Error('the kubeconfig has no current context');
  const user = config.getCurrentUser();
  const legacy = user && legacyHelper(user);
  if (user && legacy) {
    throw new Error(
      `context "${context}" skipped: its user "${user.name}" uses the legacy "${legacy}" auth provider with cmd-path, whose helper the Kubernetes client would run while the editor waits. Use an exec credential plugin for that user instead (kubectl's client-go credential plugins).`,
    );
  }
  let waitingForCredentials = false;
  const controller = new AbortController();
  const timer = setTimeout(() => {
    const what = waitingForCredentials
      ? `the exec credential plugin of context "${context}" did not answer`
      : `${cluster.server} did not answer`;
    controller.abort(new Error(`${what} within ${deadlineMs / 1000} s`));
  }, deadlineMs);
  const expired = new Promise<never>((_resolve, reject) =>
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error)),
  );
  const list = async (): Promise<LocalLookup> => {
    waitingForCredentials = true;
    const ready = await authenticated(config, helperTimeoutMs);
    waitingForCredentials = false;
    const answer = await getJson(
      ready,
      `/api/v1/namespaces?labelSelector=${encodeURIComponent(localRackSelector)}`,
      controller.signal,
    );
    return { context, namespaces: namespacesOf(answer) };
  };
  try {
    return await Promise.race([list(), expired]);
  } catch (error) {
    const message = messageOf(error);
    throw new Error(
      `the Kubernetes API of context "${context}" (${cluster.server}) could not list namespaces: ${message.split('\n', 1)[0]}`,
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Bytes of a namespace list accepted; one namespace is under 1 KB, and a cluster has at most a few thousand. */
const maxAnswerBytes = 8 * 1024 * 1024;

/** GET `path` on the current cluster with the kubeconfig's TLS, proxy and credentials, as kubectl would send it. */
async function getJson(config: KubeConfig, path: string, signal: AbortSignal): Promise<unknown> {
  const server = config.getCurrentCluster()?.server ?? '';
  const options: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json' }, signal };
  await config.applyToHTTPSOptions(options);
  const url = new URL(path, server);
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, options, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxAnswerBytes)
          request.destroy(new Error(`the answer exceeded ${maxAnswerBytes / (1024 * 1024)} MB`));
        else chunks.push(chunk);
      });
      response.on('error', reject);
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if ((response.statusCode ?? 0) >= 300) {
          reject(new Error(`HTTP ${response.statusCode}: ${statusMessage(body) ?? response.statusMessage ?? ''}`));
          return;
        }
        try {
          resolve(JSON.parse(body));
        } catch {
          reject(new Error('the answer is not JSON'));
        }
      });
    });
    request.on('error', reject);
    request.end();
  });
}

/** The `message` of a Kubernetes `Status` answer, which says why a request was refused. */
function statusMessage(body: string): string | undefined {
  try {
    const message = (JSON.parse(body) as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}

/** The namespaces of a `NamespaceList`, skipping any item without a name. */
function namespacesOf(answer: unknown): LocalLookup['namespaces'] {
  const items = (answer as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw new Error('the answer is not a namespace list');
  return items.flatMap((item: unknown) => {
    const metadata = (item as { metadata?: { name?: unknown; creationTimestamp?: unknown; labels?: unknown } } | null)
      ?.metadata;
    if (typeof metadata?.name !== 'string') return [];
    const created = typeof metadata.creationTimestamp === 'string' ? new Date(metadata.creationTimestamp) : undefined;
    return [
      {
        name: metadata.name,
        createdAt: created && !Number.isNaN(created.getTime()) ? created : undefined,
        labels: labelsOf(metadata.labels),
      },
    ];
  });
}

/** A namespace's labels, the string values only (a label value is a string in any well-formed answer). */
function labelsOf(labels: unknown): Record<string, string> {
  if (typeof labels !== 'object' || labels === null) return {};
  return Object.fromEntries(
    Object.entries(labels).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
