import { CoreV1Api, KubeConfig, Observable, type RequestContext, type ResponseContext } from '@kubernetes/client-node';
import { localRackSelector, type LocalLookup } from '../model/local/localRacks';
import { missingKubeconfig } from './kubeconfig';

/**
 * Lists the rack namespaces of kubectl's current context, as `convox racks` does with `kubectl get ns`. This
 * module is its own bundle (dist/kubernetes.js, the ESM-only client made CommonJS), loaded by ./localLookup.ts.
 */
export async function lookUpLocalRacks(deadlineMs: number): Promise<LocalLookup> {
  const missing = missingKubeconfig(process.env);
  if (missing) throw new Error(missing);
  const config = new KubeConfig();
  config.loadFromDefault();
  const context = config.getCurrentContext();
  const cluster = config.getCurrentCluster();
  if (!context || !cluster) throw new Error('the kubeconfig has no current context');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`${cluster.server} did not answer within ${deadlineMs / 1000} s`)), deadlineMs);
  const abortable = {
    pre: (request: RequestContext): Observable<RequestContext> => {
      request.setSignal(controller.signal);
      return new Observable(Promise.resolve(request));
    },
    post: (response: ResponseContext): Observable<ResponseContext> => new Observable(Promise.resolve(response)),
  };
  const expired = new Promise<never>((_resolve, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error)));
  try {
    const api = config.makeApiClient(CoreV1Api);
    const list = await Promise.race([api.listNamespace({ labelSelector: localRackSelector }, { middleware: [abortable], middlewareMergeStrategy: 'append' }), expired]);
    const namespaces = list.items.flatMap((namespace) =>
      namespace.metadata?.name ? [{ name: namespace.metadata.name, createdAt: namespace.metadata.creationTimestamp, labels: namespace.metadata.labels ?? {} }] : [],
    );
    return { context, namespaces };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`the Kubernetes API of context "${context}" (${cluster.server}) could not list namespaces: ${message.split('\n', 1)[0]}`);
  } finally {
    clearTimeout(timer);
  }
}
