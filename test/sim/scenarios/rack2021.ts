// A rack installed in 2021 and never updated past release 20221201152222: its API behind the classic ELB
// `Balancer` (or behind `Router` with ApiRouter=ALB), its own services `ApiWebService`/`ApiMonitorService`, and no
// SSM `<rack>RackApiSecret`: its password is only a stack parameter, its API tasks' PASSWORD, and an entry in the
// CLI `auth` file of whoever installed it.
import type { RegionData } from '../types';
import type { Place } from './ids';
import { rack, rackPassword, type RackOptions } from './rack';
import { rackNames } from './rackResources';

export const rack2021Version = '20210701000000';

export interface Rack2021Options extends Omit<RackOptions, 'api' | 'legacy'> {
  /** ApiRouter: `ELB` (the default then) gives the API its classic ELB; `ALB` puts it behind the app router. */
  apiRouter?: 'ELB' | 'ALB';
}

export function rack2021(place: Place, options: Rack2021Options): RegionData {
  const { apiRouter = 'ELB', ...rest } = options;
  return rack(place, { version: rack2021Version, ...rest, api: { classic: true, apiRouter, secret: false } });
}

/** The entry the installer's CLI `auth` file holds for such a rack: its `Dashboard` host and password. */
export function installerAuth(
  place: Place,
  options: Pick<Rack2021Options, 'name' | 'privateApi' | 'apiRouter'>,
): { host: string; password: string } {
  const names = rackNames(place, options.name, options.privateApi ?? false, {
    classic: true,
    apiRouter: options.apiRouter ?? 'ELB',
    secret: false,
  });
  return { host: names.dashboard, password: rackPassword(place, options.name) };
}
