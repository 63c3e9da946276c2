import { reservedOrganization } from '../settings';
import type { Rack } from '../rack';

/**
 * Local racks, as `convox racks` lists them: the namespaces labelled as racks in kubectl's current context, each
 * `local/<namespace>`, status `running` (the CLI checks nothing more), under the organisation `local`.
 */
export const localOrganization = reservedOrganization;
export const localRackSelector = 'system=convox,type=rack';
/** A lookup past this is given up, so that a cluster that does not answer never holds the AWS racks back. */
export const localLookupDeadlineMs = 5_000;

/** What the Kubernetes API said: the current context and its rack namespaces. */
export interface LocalLookup {
  context: string;
  namespaces: Array<{ name: string; createdAt?: Date }>;
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
    .map(({ name, createdAt }): Rack => ({
      organization: localOrganization,
      profile: '',
      region: '',
      name,
      fullName: `${localOrganization}/${name}`,
      displayName: `${localOrganization}/${name}`,
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
      local: { namespace: name, context: lookup.context },
    }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName));
}

/** Where the CLI reaches a local rack: `https://rack.<namespace>`, with no password. */
export function localRackEndpoint(namespace: string): string {
  return `https://rack.${namespace}`;
}

/** What is known of a local rack, as label/value rows (tooltip, Inspect). */
export function localRackSummary(rack: Rack): Array<[string, string]> {
  if (!rack.local) return [];
  return [
    ['Name', rack.displayName],
    ['Provider', 'local (Kubernetes)'],
    ['Namespace', rack.local.namespace],
    ['Context', rack.local.context],
    ['Status', rack.status],
    ['Endpoint', localRackEndpoint(rack.local.namespace)],
  ];
}
