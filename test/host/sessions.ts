// The host test sessions: each is a fresh extension host with its own AWS world, running the listed test files.
// A feature needing another world adds a session here, e.g.
//   { name: 'throttled', aws: throttledScenario(), tests: ['throttling'], settings: { 'convox.regions': ['eu-west-1'] } }
import { defaultScenario } from '../sim';
import type { HostSession } from '../runner/hostSession';

export const hostSessions: HostSession[] = [
  { name: 'no-aws', aws: 'none', tests: ['noAws', 'commands'] },
  { name: 'simulator', aws: defaultScenario(), tests: ['simulator', 'commands'] },
];
