import { CoreV1Api, KubeConfig, Observable, type RequestContext, type ResponseContext, type User } from '@kubernetes/client-node';
import { minimumHelperTimeoutMs } from '../model/helperTimeout';
import { localRackSelector, type LocalLookup } from '../model/local/localRacks';
import { execCredential, type ExecConfig } from './execCredentials';
import { kubeconfigVersion, missingKubeconfig } from './kubeconfig';

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
  const exec = (user.exec ?? (user.authProvider as { config?: { exec?: unknown } } | undefined)?.config?.exec) as Partial<ExecConfig> | undefined;
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
  const pem = (text: string | undefined): string | undefined => (text === undefined ? undefined : Buffer.from(text).toString('base64'));
  const withCredential: User = {
    ...user,
    exec: undefined,
    authProvider: undefined,
    token: credential.token,
    ...(credential.clientCertificateData ? { certData: pem(credential.clientCertificateData), certFile: undefined, keyData: pem(credential.clientKeyData), keyFile: undefined } : {}),
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
export async function lookUpLocalRacks(deadlineMs: number, helperTimeoutMs = minimumHelperTimeoutMs): Promise<LocalLookup> {
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
    const what = waitingForCredentials ? `the exec credential plugin of context "${context}" did not answer` : `${cluster.server} did not answer`;
    controller.abort(new Error(`${what} within ${deadlineMs / 1000} s`));
  }, deadlineMs);
  const abortable = {
    pre: (request: RequestContext): Observable<RequestContext> => {
      request.setSignal(controller.signal);
      return new Observable(Promise.resolve(request));
    },
    post: (response: ResponseContext): Observable<ResponseContext> => new Observable(Promise.resolve(response)),
  };
  const expired = new Promise<never>((_resolve, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error)));
  const list = async (): Promise<LocalLookup> => {
    waitingForCredentials = true;
    const ready = await authenticated(config, helperTimeoutMs);
    waitingForCredentials = false;
    const api = ready.makeApiClient(CoreV1Api);
    const answer = await api.listNamespace({ labelSelector: localRackSelector }, { middleware: [abortable], middlewareMergeStrategy: 'append' });
    const namespaces = answer.items.flatMap((namespace) => (namespace.metadata?.name ? [{ name: namespace.metadata.name, createdAt: namespace.metadata.creationTimestamp }] : []));
    return { context, namespaces };
  };
  try {
    return await Promise.race([list(), expired]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`the Kubernetes API of context "${context}" (${cluster.server}) could not list namespaces: ${message.split('\n', 1)[0]}`);
  } finally {
    clearTimeout(timer);
  }
}
