// A minimal Kubernetes API for local racks: `GET /api/v1/namespaces` with a label selector, behind a bearer
// token, on 127.0.0.1 over HTTPS with a certificate made for the run, and a kubeconfig that trusts it, as a
// local cluster's does. Tests start it and stop it.
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { generate } from 'selfsigned';

export interface SimulatedNamespace {
  name: string;
  labels: Record<string, string>;
}

export interface KubernetesApi {
  url: string;
  /** The server's certificate (PEM), which its kubeconfig trusts. */
  certificate: string;
  /** Namespace list requests received, with their label selectors. */
  requests: string[];
  /** Writes a kubeconfig whose current context is this API; returns its path. */
  writeKubeconfig(directory: string, context?: string): string;
  stop(): Promise<void>;
}

/** The bearer token the simulated API accepts. */
export const simulatedKubernetesToken = 'simulated-kubernetes-token';
const token = simulatedKubernetesToken;

/** A Convox v3 rack's system namespace, labelled as convox/convox's terraform (rack/k8s) makes it. */
export function v3RackNamespace(rack: string): SimulatedNamespace {
  return { name: `${rack}-system`, labels: { app: 'system', rack, system: 'convox', type: 'rack' } };
}

/** `a=b,c=d`: every pair must be among the labels (the only selector form `convox racks` uses). */
function matches(selector: string, labels: Record<string, string>): boolean {
  return selector
    .split(',')
    .filter(Boolean)
    .every((term) => {
      const [key, value] = term.split('=');
      return labels[key] === value;
    });
}

function namespaceList(namespaces: readonly SimulatedNamespace[], selector: string): object {
  return {
    kind: 'NamespaceList',
    apiVersion: 'v1',
    metadata: { resourceVersion: '1' },
    items: namespaces
      .filter((namespace) => matches(selector, namespace.labels))
      .map((namespace) => ({
        metadata: {
          name: namespace.name,
          labels: namespace.labels,
          creationTimestamp: '2025-01-01T12:00:00Z',
          resourceVersion: '1',
        },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      })),
  };
}

/** A kubeconfig with one cluster, user and context, as `kubectl config view --raw` writes one. */
export function kubeconfigFor(server: string, context: string, certificate: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: simulated',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${Buffer.from(certificate).toString('base64')}`,
    'users:',
    '- name: simulated-user',
    '  user:',
    `    token: ${token}`,
    'contexts:',
    `- name: ${context}`,
    '  context:',
    '    cluster: simulated',
    '    user: simulated-user',
    `current-context: ${context}`,
    '',
  ].join('\n');
}

export async function startKubernetesApi(namespaces: readonly SimulatedNamespace[]): Promise<KubernetesApi> {
  const requests: string[] = [];
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const server = https.createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const answer = (status: number, body: object): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.headers.authorization !== `Bearer ${token}`) {
      answer(401, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
      return;
    }
    if (request.method !== 'GET' || url.pathname !== '/api/v1/namespaces') {
      answer(404, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: 'the server could not find the requested resource',
        reason: 'NotFound',
        code: 404,
      });
      return;
    }
    const selector = url.searchParams.get('labelSelector') ?? '';
    requests.push(selector);
    answer(200, namespaceList(namespaces, selector));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    certificate: pems.cert,
    requests,
    writeKubeconfig(directory, context = 'simulated-context') {
      const file = path.join(directory, 'kubeconfig');
      fs.writeFileSync(file, kubeconfigFor(url, context, pems.cert));
      return file;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
