import { reservedOrganization } from '../settings';
import type { Rack } from '../rack';

/**
 * Local racks, as `convox racks` lists them: the namespaces labelled as racks in kubectl's current context, each
 * `local/<namespace>`, status `running` (the CLI checks nothing more), under the organisation `local`. The same
 * selector also finds every Convox v3 rack's `<rack>-system` namespace (labelled `app=system`, `rack=<rack>`):
 * those are shown as the v3 racks they are, by their own name, with nothing the v2 CLI would do with them.
 */
export const localOrganization = reservedOrganization;
export const localRackSelector = 'system=convox,type=rack';
/** A lookup past this is given up, so that a cluster that does not answer never holds the AWS racks back. */
export const localLookupDeadlineMs = 5_000;

/** What the Kubernetes API said: the current context and its rack namespaces. */
export interface LocalLookup {
  context: string;
  namespaces: Array<{ name: string; createdAt?: Date; labels?: Readonly<Record<string, string>> }>;
}

/** The v3 rack a namespace belongs to, by its labels (`app=system` and a `rack` label), or undefined. */
export function v3RackOf(labels: Readonly<Record<string, string>> | undefined): string | undefined {
  return labels?.app === 'system' && labels.rack ? labels.rack : undefined;
}

/** Why a v3 rack gets no switch, terminal or rack URL here, or undefined for any other rack. */
export function v3Refusal(rack: Pick<Rack, 'fullName' | 'local'>): string | undefined {
  const local = rack.local;
  if (local?.v3Rack === undefined) return undefined;
  return `${rack.fullName} is a Convox v3 rack (namespace ${local.namespace}, context ${local.context}): the v2 convox CLI this extension works with cannot reach it, so it cannot be switched to or given a terminal here. Use the v3 CLI (convox switch ${local.v3Rack}).`;
}

/** `CONVOX_LOCAL=disable` skips the lookup, as in the CLI. */
export function localRacksDisabled(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.CONVOX_LOCAL === 'disable';
}

/** The local racks, unless `CONVOX_LOCAL=disable` says not to look them up at all. */
export async function findLocalRacks(
  env: Readonly<Record<string, string | undefined>>,
  lookUp: () => Promise<LocalLookup>,
): Promise<Rack[]> {
  return localRacksDisabled(env) ? [] : localRacks(await lookUp());
}

export function localRacks(lookup: LocalLookup): Rack[] {
  return lookup.namespaces
    .map(({ name, createdAt, labels }): Rack => {
      const v3Rack = v3RackOf(labels);
      const fullName = v3Rack !== undefined ? `${v3Rack} (v3)` : `${localOrganization}/${name}`;
      return {
        organization: localOrganization,
        profile: '',
        region: '',
        name: v3Rack ?? name,
        fullName,
        displayName: fullName,
        stackId: `kubernetes:${lookup.context}/${name}`,
        cloudformationStatus: '',
        status: 'running',
        highAvailability: false,
        private: false,
        createdAt: createdAt ?? new Date(0),
        legacy: false,
        apps: [],
        tags: {},
        parameters: {},
        outputs: {},
        local:
          v3Rack !== undefined
            ? { namespace: name, context: lookup.context, v3Rack }
            : { namespace: name, context: lookup.context },
      };
    })
    .sort((a, b) => a.fullName.localeCompare(b.fullName));
}

/** Where the CLI reaches a local rack: `https://rack.<namespace>`, with no password. */
export function localRackEndpoint(namespace: string): string {
  return `https://rack.${namespace}`;
}

/** What is known of a local rack, as label/value rows (tooltip, Inspect). */
export function localRackSummary(rack: Rack): Array<[string, string]> {
  if (!rack.local) return [];
  if (rack.local.v3Rack !== undefined) {
    return [
      ['Name', rack.local.v3Rack],
      ['Generation', 'v3 (Kubernetes)'],
      ['Namespace', rack.local.namespace],
      ['Context', rack.local.context],
      ['CLI', 'the v3 convox CLI (its own rack list or the Console); the v2 CLI cannot reach it'],
    ];
  }
  return [
    ['Name', rack.displayName],
    ['Provider', 'local (Kubernetes)'],
    ['Namespace', rack.local.namespace],
    ['Context', rack.local.context],
    ['Status', rack.status],
    ['Endpoint', localRackEndpoint(rack.local.namespace)],
  ];
}
