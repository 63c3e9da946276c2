// The default world where acme/production's API password is a marker (so tests can find it wherever it must
// not be), and acme-staging may not read SSM parameters (so its racks have no password to give).
import type { Scenario } from '../types';
import { defaultAccounts, defaultScenario } from './default';

/** acme/production's API password: letters only, as the CLI makes them, and never to be seen in a log. */
export const rackPasswordMarker = 'MARKERrackAPIpasswordQzXv';

export function switchScenario(): Scenario {
  const world = defaultScenario();
  const production = world.accounts
    .find((account) => account.id === defaultAccounts.acme)
    ?.regions['us-east-1'].stacks.find((stack) => stack.name === 'production' && !stack.parentId);
  const password = production?.parameters.find((parameter) => parameter.key === 'Password');
  if (!password) throw new Error('the default scenario has no acme/production rack with a Password parameter');
  password.value = rackPasswordMarker;
  world.faults.push({ account: defaultAccounts.acmeStaging, service: 'ssm', kind: 'denied' });
  return world;
}
