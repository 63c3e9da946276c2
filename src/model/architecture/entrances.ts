import type { Rack } from '../rack';
import { loadBalancerName } from './awsNames';
import { sceneComponent } from './component';
import { consoleUrl } from './console';
import type { SceneContext } from './sceneContext';
import type { SceneComponent, SceneEdge } from './sceneTypes';
import { resourceDetails, resourceParts } from './stackResources';

interface Balancer {
  logicalId: string;
  noun: string;
  /** The stack output naming the host it answers on. */
  hostOutput: string;
  internal: (rack: Rack) => boolean;
  /** The rack API's own entry, which you (the CLI, this editor) call. */
  api?: boolean;
  /** A classic ELB: named, not addressed by an ARN. */
  classic?: boolean;
}

const privateApi = (rack: Rack): boolean => rack.parameters.PrivateApi === 'Yes';

const balancers: readonly Balancer[] = [
  { logicalId: 'ApiBalancer', noun: 'API load balancer', hostOutput: 'Dashboard', internal: privateApi, api: true },
  // Racks before release 20221202 reach their API through a classic ELB, or through Router with ApiRouter=ALB.
  {
    logicalId: 'Balancer',
    noun: 'API load balancer (classic)',
    hostOutput: 'Dashboard',
    internal: privateApi,
    api: true,
    classic: true,
  },
  { logicalId: 'Router', noun: 'router load balancer', hostOutput: 'Domain', internal: () => false },
  { logicalId: 'RouterInternal', noun: 'router load balancer', hostOutput: 'DomainInternal', internal: () => true },
  { logicalId: 'NLBRouter', noun: 'network load balancer', hostOutput: 'NLBHost', internal: () => false },
  {
    logicalId: 'NLBRouterInternal',
    noun: 'network load balancer',
    hostOutput: 'NLBInternalHost',
    internal: () => true,
  },
];

const internetId = 'internet';
const clientId = 'client';

/** A load balancer drawn, and whose requests it takes on: the rack API's, the apps', or both. */
export interface Entry {
  id: string;
  api: boolean;
  apps: boolean;
}

export interface Entrances {
  components: SceneComponent[];
  /** From each caller to the balancers it reaches. */
  edges: SceneEdge[];
  entries: Entry[];
}

export function edge(from: string, to: string): SceneEdge {
  return { id: `${from}->${to}`, from, to };
}

/**
 * The ways into the rack: the internet and you (the convox CLI, this editor), and the load balancers the stack
 * has, each with its host; an edge from each caller to what it can reach. The API's balancer takes the rack
 * API's requests, the routers the apps'.
 */
export function entrancesOf(context: SceneContext): Entrances {
  const { rack, resources } = context;
  const components: SceneComponent[] = [];
  const edges: SceneEdge[] = [];
  const entries: Entry[] = [];
  const present = balancers.flatMap((balancer) => {
    const resource = resources.get(balancer.logicalId);
    return resource ? [{ balancer, resource, internal: balancer.internal(rack) }] : [];
  });
  // With no API balancer of its own, an older rack with ApiRouter=ALB answers on its app router.
  const apiThroughRouter = !present.some(({ balancer }) => balancer.api) && rack.parameters.ApiRouter === 'ALB';
  const servesApi = (balancer: Balancer): boolean =>
    balancer.api === true || (apiThroughRouter && balancer.logicalId === 'Router');

  components.push(
    sceneComponent({
      id: clientId,
      kind: 'client',
      noun: 'you',
      label: 'convox CLI and VS Code',
      facts: [],
      details: [{ label: 'Rack', value: rack.displayName }],
    }),
  );
  if (present.some(({ internal }) => !internal)) {
    components.push(
      sceneComponent({ id: internetId, kind: 'internet', noun: 'internet', label: '', facts: [], details: [] }),
    );
  }

  for (const { balancer, resource, internal } of present) {
    const host = rack.outputs[balancer.hostOutput];
    const parts = resourceParts(resource);
    const details = resourceDetails(resource);
    if (host !== undefined) details.push({ label: 'Host', value: host });
    details.push({ label: 'Scheme', value: internal ? 'internal' : 'internet-facing' });
    const apiHost = !balancer.api && servesApi(balancer) ? rack.outputs.Dashboard : undefined;
    if (apiHost !== undefined) details.push({ label: 'Rack API', value: apiHost });
    const facts = [host !== undefined ? `host ${host}` : '', apiHost !== undefined ? 'also the rack API' : ''].filter(
      (fact) => fact !== '',
    );
    components.push(
      sceneComponent({
        ...parts,
        kind: 'loadBalancer',
        noun: balancer.noun,
        label: resource.physicalId !== undefined ? loadBalancerName(resource.physicalId) : balancer.logicalId,
        variant: internal ? 'internal' : 'public',
        facts,
        details,
        consoleUrl:
          resource.physicalId !== undefined
            ? consoleUrl(
                balancer.classic
                  ? { kind: 'classicLoadBalancer', name: resource.physicalId }
                  : { kind: 'loadBalancer', arn: resource.physicalId },
                rack.region,
              )
            : undefined,
      }),
    );
    if (!internal) edges.push(edge(internetId, parts.id));
    if (servesApi(balancer)) edges.push(edge(clientId, parts.id));
    entries.push({ id: parts.id, api: servesApi(balancer), apps: balancer.api !== true });
  }
  return { components, edges, entries };
}
