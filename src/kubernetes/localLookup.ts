import { findLocalRacks, localLookupDeadlineMs } from '../model/local/localRacks';
import type { Rack } from '../model/rack';
import { missingKubeconfig } from './kubeconfig';

/**
 * Local racks, as `convox racks` lists them. The Kubernetes client is a bundle of its own (dist/kubernetes.js),
 * loaded by the first lookup that finds a kubeconfig. An exec credential plugin may run for `helperTimeoutMs`.
 */
export function lookUpLocalRacks(helperTimeoutMs: number): Promise<Rack[]> {
  return findLocalRacks(process.env, async () => {
    const missing = missingKubeconfig(process.env);
    if (missing) throw new Error(missing);
    return (await import('./index')).lookUpLocalRacks(localLookupDeadlineMs, helperTimeoutMs);
  });
}
