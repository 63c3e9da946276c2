// Racks for alerts: one profile whose account has `racksPerRegion` healthy racks in each of `regions` regions,
// settled long ago (so that the watcher reads no Auto Scaling for them until something changes). The tests turn
// them into each kind of trouble with `sim.world`; the bench watches 1, 10 or 50 of them across 3 regions.
import type { Scenario } from '../types';
import { benchRegions } from './bench';
import { rack } from './rack';
import { scenario } from './scenario';

export const alertsAccount = '777777777777';
export const alertsProfile = 'alerts';
/** The racks of the first region, by the trouble each test gives it. */
export const alertsRacks = {
  rollingBack: 'rollingback',
  rolledBack: 'rolledback',
  converging: 'converging',
  draining: 'draining',
  deleted: 'deleted',
  healthy: 'healthy',
} as const;

/** The name of rack `index` (from 0) of a region beyond the named ones. */
export const alertsRackName = (region: number, index: number): string =>
  `rack-${region + 1}-${String(index + 1).padStart(3, '0')}`;

/** `statuses`: stack statuses other than UPDATE_COMPLETE, by rack name, for a world that starts in trouble. */
export function alertsScenario(
  options: { regions?: number; racksPerRegion?: number; statuses?: Record<string, string> } = {},
): Scenario {
  const regions = benchRegions.slice(0, options.regions ?? 1);
  const named = Object.values(alertsRacks);
  const perRegion = options.racksPerRegion ?? named.length;
  const settled = new Date(Date.now() - 30 * 86_400_000);
  const nameOf = (region: number, index: number): string =>
    region === 0 && index < named.length ? named[index] : alertsRackName(region, index);
  return scenario({
    profiles: [{ name: alertsProfile, account: alertsAccount, region: regions[0] }],
    regions,
    organizations: {},
    data: {
      [alertsAccount]: Object.fromEntries(
        regions.map((region, regionIndex) => [
          region,
          (at) =>
            Array.from({ length: perRegion }, (_, index) =>
              rack(at, {
                name: nameOf(regionIndex, index),
                status: options.statuses?.[nameOf(regionIndex, index)] ?? 'UPDATE_COMPLETE',
                createdAt: new Date(settled.getTime() - 86_400_000),
                updatedAt: settled,
                highAvailability: false,
                buildInstance: '',
                stoppedTasks: 0,
              }),
            ),
        ]),
      ),
    },
  });
}
