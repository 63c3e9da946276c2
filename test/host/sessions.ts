// The host test sessions: each is a fresh extension host with its own AWS world, running the listed test files
// (test/host/NAME.test.ts). A feature needing another world adds an entry: a scenario built with test/sim's
// builders, its test files, and optionally `env` for the extension host and `settings` for VS Code.
import * as os from 'node:os';
import * as path from 'node:path';
import {
  alertsRacks,
  alertsScenario,
  defaultAccounts,
  defaultScenario,
  rackPasswordMarker,
  secretEnvironment,
  secretMarkers,
  secretsScenario,
  switchScenario,
  updateRacks,
} from '../sim';
import { hostInstallPassword } from '../sim/scenarios/install';
import { hostileWorkspaceSettings, personalSettings, trustVariable } from './hostileSettings';
import { lastSeenScenario, lastSeenState } from './lastSeenWorld';
import type { HostSession } from '../runner/hostSession';

const globexEuWest = defaultScenario();
globexEuWest.faults.push({
  account: defaultAccounts.globex,
  region: 'eu-west-1',
  service: 'cloudformation',
  kind: 'malformed',
});

/** A repository's settings try every user-only setting; its CLI folder is outside VS Code's, as in `switch`. */
const hostileWorkspace = (trust: 'trusted' | 'restricted'): HostSession => ({
  name: trust === 'trusted' ? 'hostile-workspace' : 'restricted-mode',
  aws: switchScenario(),
  tests: ['hostileWorkspace'],
  env: { CONVOX_CONFIG: path.join(os.tmpdir(), `convox-host-${trust}-cli-${process.pid}`), [trustVariable]: trust },
  settings: personalSettings,
  workspaceSettings: hostileWorkspaceSettings,
  trust: trust === 'restricted' ? 'restricted' : undefined,
  forbidden: [rackPasswordMarker],
});

const globexHangsOnce = defaultScenario();
globexHangsOnce.faults.push({
  account: defaultAccounts.globex,
  region: 'eu-west-1',
  service: 'cloudformation',
  operation: 'DescribeStacks',
  kind: 'silence',
  times: 1,
});

export const hostSessions: HostSession[] = [
  { name: 'no-aws', aws: 'none', tests: ['noAws', 'commands'] },
  { name: 'simulator', aws: defaultScenario(), tests: ['simulator', 'commands', 'racks', 'changes', 'architecture'] },
  { name: 'fault-region', aws: globexEuWest, tests: ['faultRegion'] },
  { name: 'hanging-region', aws: globexHangsOnce, tests: ['hangingRegion'], settings: { 'convox.requestTimeout': 2 } },
  { name: 'install', aws: defaultScenario(), tests: ['install'], forbidden: [hostInstallPassword] },
  {
    name: 'secrets',
    aws: secretsScenario(),
    tests: ['secrets'],
    env: secretEnvironment,
    settings: { 'convox.requestTimeout': 5 },
    forbidden: Object.values(secretMarkers),
  },
  {
    name: 'switch',
    aws: switchScenario(),
    tests: ['switchTerminal'],
    // The CLI's folder is outside VS Code's, which the runner searches for the password: it is meant to be there.
    env: { CONVOX_CONFIG: path.join(os.tmpdir(), `convox-host-cli-${process.pid}`) },
    settings: { 'convox.cli.syncCurrentRack': 'always' },
    forbidden: [rackPasswordMarker],
  },
  // acme/production's API is the simulator's HTTPS rack API, and its password the marker.
  {
    name: 'update',
    aws: { ...switchScenario(), dashboardRacks: updateRacks },
    tests: ['update'],
    forbidden: [rackPasswordMarker],
  },
  hostileWorkspace('trusted'),
  hostileWorkspace('restricted'),
  // The Racks view opens on the racks an earlier session kept, before AWS answers.
  { name: 'last-seen', aws: lastSeenScenario(), tests: ['lastSeen'], globalState: lastSeenState() },
  {
    name: 'alerts',
    aws: alertsScenario({ statuses: { [alertsRacks.rolledBack]: 'UPDATE_ROLLBACK_COMPLETE' } }),
    tests: ['alerts'],
  },
];
