// The host test sessions: each is a fresh extension host with its own AWS world, running the listed test files
// (test/host/NAME.test.ts). A feature needing another world adds an entry: a scenario built with test/sim's
// builders, its test files, and optionally `env` for the extension host and `settings` for VS Code.
import { defaultAccounts, defaultScenario } from '../sim';
import type { HostSession } from '../runner/hostSession';

const globexEuWest = defaultScenario();
globexEuWest.faults.push({ account: defaultAccounts.globex, region: 'eu-west-1', service: 'cloudformation', kind: 'malformed' });

export const hostSessions: HostSession[] = [
  { name: 'no-aws', aws: 'none', tests: ['noAws', 'commands'] },
  { name: 'simulator', aws: defaultScenario(), tests: ['simulator', 'commands', 'racks', 'changes'] },
  { name: 'fault-region', aws: globexEuWest, tests: ['faultRegion'] },
];
