// The default world where acme/production's API is the simulator's HTTPS rack API (start the simulator with
// `dashboard: true`), so that it can be updated, reconfigured and scaled through it, and so is acme/converge's
// (converging). acme/europe is updating.
import type { Scenario } from '../types';
import { defaultScenario } from './default';

/** Racks whose API the simulator serves. */
export const updateRacks = ['production', 'converge'];

export function updateScenario(): Scenario {
  return { ...defaultScenario(), dashboardRacks: [...updateRacks] };
}
