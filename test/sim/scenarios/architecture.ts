// Racks of every shape the architecture view draws, in one account and region: public in two zones,
// private with an internal API, internal and network routers, spot and build servers, three zones, one
// still being created, one rolling back, one whose every free-text field carries markup, and two from 2021
// (the API behind the classic ELB `Balancer`, and behind `Router`).
import type { Scenario } from '../types';
import { addSeconds } from './ids';
import { rack } from './rack';
import { rack2021 } from './rack2021';
import { scenario } from './scenario';

export const architectureAccount = '666666666666';
export const architectureProfile = 'architecture';
export const architectureRegion = 'us-east-1';

/** Markup a hostile account holder can put in tags, outputs, app names and commands; a view must show it as text. */
export const hostileText = {
  image: '<img src=x onerror=alert(1)>',
  script: '</script><script>alert(2)</script>',
  attribute: '" onmouseover="alert(3)',
  link: '<a href="javascript:alert(4)">click</a>',
} as const;

export interface ArchitectureScenarioOptions {
  /** Times are relative to this; a fixed date keeps tests deterministic. */
  now?: Date;
}

export function architectureScenario(options: ArchitectureScenarioOptions = {}): Scenario {
  const now = options.now ?? new Date('2025-06-01T12:00:00Z');
  const ago = (minutes: number): Date => addSeconds(now, -minutes * 60);
  const days = (count: number): number => count * 24 * 60;
  const web = { name: 'web', processes: [{ name: 'web', count: 2, command: ['bin/web'] }] };
  const worker = { name: 'worker', processes: [{ name: 'worker', count: 1, cpu: 128, memory: 256 }] };

  return scenario({
    profiles: [{ name: architectureProfile, account: architectureAccount, region: architectureRegion }],
    data: {
      [architectureAccount]: {
        [architectureRegion]: (at) => [
          rack(at, { name: 'public', zones: 2, instanceCount: 3, createdAt: ago(days(200)), apps: [web, worker] }),
          rack(at, {
            name: 'private',
            private: true,
            privateApi: true,
            instanceType: 't3.medium',
            createdAt: ago(days(300)),
            apps: [web, { name: 'api', processes: [{ name: 'web', count: 3 }] }],
          }),
          rack(at, {
            name: 'routers',
            private: true,
            internal: true,
            nlb: true,
            nlbInternal: true,
            createdAt: ago(days(100)),
            apps: [{ name: 'tcp', processes: [{ name: 'proxy', count: 2 }] }],
          }),
          rack(at, {
            name: 'spot',
            spotInstanceBid: '0.05',
            spotInstanceCount: 3,
            buildInstance: 't3.medium',
            instanceCount: 3,
            createdAt: ago(days(50)),
            apps: [web, worker],
          }),
          rack(at, {
            name: 'three-zones',
            zones: 3,
            instanceCount: 6,
            instanceType: 'm5.large',
            autoscale: false,
            logDriver: 'Syslog',
            createdAt: ago(days(400)),
            apps: [web],
          }),
          rack(at, {
            name: 'creating',
            status: 'CREATE_IN_PROGRESS',
            highAvailability: false,
            instanceStates: ['Pending'],
            createdAt: ago(6),
          }),
          rack(at, {
            name: 'rollback',
            status: 'UPDATE_ROLLBACK_IN_PROGRESS',
            createdAt: ago(days(90)),
            updatedAt: ago(25),
            apps: [web],
          }),
          rack2021(at, { name: 'vintage', createdAt: new Date('2021-07-02T09:00:00Z'), apps: [web] }),
          rack2021(at, {
            name: 'vintage-alb',
            apiRouter: 'ALB',
            zones: 2,
            createdAt: new Date('2021-09-14T15:30:00Z'),
          }),
          rack(at, {
            name: 'hostile',
            createdAt: ago(days(30)),
            tags: { Owner: hostileText.image, [hostileText.link]: hostileText.script },
            outputs: {
              Domain: `${hostileText.image}.example.com`,
              Note: `${hostileText.script}${hostileText.attribute}`,
            },
            apps: [
              {
                name: 'xss',
                tagName: hostileText.image,
                processes: [{ name: 'web', count: 2, command: ['sh', '-c', `echo '${hostileText.script}'`] }],
              },
              {
                name: 'quotes',
                tagName: hostileText.attribute,
                processes: [{ name: 'web', count: 1, command: [hostileText.link] }],
              },
            ],
          }),
        ],
      },
    },
  });
}
