// Scenarios sized for the benchmark: many profiles, regions and stacks for discovery, and one big rack
// for counting the calls it takes to expand a rack.
import type { Scenario } from '../types';
import { rack } from './rack';
import { scenario, type RegionBuilder } from './scenario';
import { stack } from './stack';

/** Real region codes, in the order benchScenario takes them. */
export const benchRegions = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-south-1',
  'ca-central-1',
  'sa-east-1',
];

export interface BenchOptions {
  profiles: number;
  regions: number;
  stacksPerRegion: number;
  racksPerRegion: number;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/**
 * `profiles` profiles (bench-01…), each its own account, each region holding `stacksPerRegion` stacks of
 * which `racksPerRegion` are racks, spread evenly from the first stack on so every page has some.
 */
export function benchScenario(options: BenchOptions): Scenario {
  const { profiles, regions, stacksPerRegion, racksPerRegion } = options;
  if (regions < 1 || regions > benchRegions.length) throw new Error(`regions must be 1..${benchRegions.length}`);
  if (racksPerRegion > stacksPerRegion) throw new Error('racksPerRegion cannot exceed stacksPerRegion');
  const used = benchRegions.slice(0, regions);
  const rackSlots = new Set(
    Array.from({ length: racksPerRegion }, (_, index) => Math.floor((index * stacksPerRegion) / racksPerRegion)),
  );
  const region =
    (regionIndex: number): RegionBuilder =>
    (at) => {
      let rackNumber = 0;
      return Array.from({ length: stacksPerRegion }, (_, index) =>
        rackSlots.has(index)
          ? rack(at, {
              name: `rack-${pad(regionIndex + 1, 2)}-${pad(++rackNumber, 3)}`,
              highAvailability: false,
              buildInstance: '',
              stoppedTasks: 0,
            })
          : {
              stacks: [
                stack(at, {
                  name: `service-${pad(index + 1, 4)}`,
                  tags: { Team: 'bench' },
                  resources: [
                    {
                      logicalId: 'Queue',
                      type: 'AWS::SQS::Queue',
                      physicalId: `https://sqs.${at.region}.amazonaws.com/${at.account}/service-${pad(index + 1, 4)}`,
                    },
                  ],
                }),
              ],
            },
      );
    };
  const names = Array.from({ length: profiles }, (_, index) => `bench-${pad(index + 1, 2)}`);
  return scenario({
    profiles: names.map((name, index) => ({ name, account: String(100000000001 + index), region: used[0] })),
    regions: used,
    data: Object.fromEntries(
      names.map((_, index) => [
        String(100000000001 + index),
        Object.fromEntries(used.map((code, regionIndex) => [code, region(regionIndex)])),
      ]),
    ),
  });
}

export interface ManyProfilesOptions {
  profiles: number;
  /** Stacks in each profile's region, none of them Convox. */
  stacksPerProfile: number;
  /** Every `rackEvery`-th profile (the first included) also has one rack; the rest have none. */
  rackEvery: number;
}

/**
 * `profiles` profiles (many-0001…), each its own account and keys, each with us-east-1 as its region and the
 * only one scanned (`regions` is empty), so there are as many pairs as profiles.
 */
export function manyProfilesScenario(options: ManyProfilesOptions): Scenario {
  const { profiles, stacksPerProfile, rackEvery } = options;
  if (rackEvery < 1) throw new Error('rackEvery must be at least 1');
  const region = benchRegions[0];
  const names = Array.from({ length: profiles }, (_, index) => `many-${pad(index + 1, 4)}`);
  const account = (index: number): string => String(200000000001 + index);
  const build =
    (withRack: boolean): RegionBuilder =>
    (at) => [
      ...(withRack ? [rack(at, { name: 'rack', highAvailability: false, buildInstance: '', stoppedTasks: 0 })] : []),
      ...Array.from({ length: stacksPerProfile }, (_, index) => ({
        stacks: [stack(at, { name: `service-${pad(index + 1, 4)}`, tags: { Team: 'bench' } })],
      })),
    ];
  return scenario({
    profiles: names.map((name, index) => ({ name, account: account(index), region })),
    regions: [],
    data: Object.fromEntries(names.map((_, index) => [account(index), { [region]: build(index % rackEvery === 0) }])),
  });
}

export interface BigRackOptions {
  instances?: number;
  tasks?: number;
}

/** Rack services (web ×2, monitor ×1) are part of the task count. */
const rackTasks = 3;
const bigApps = 8;

/**
 * One profile `big` (account 555555555555, us-east-1) with one rack `big` whose cluster has `instances`
 * container instances (and as many EC2 instances) running exactly `tasks` tasks of 10 task definitions.
 */
export function bigRackScenario(options: BigRackOptions = {}): Scenario {
  const instances = options.instances ?? 50;
  const appTasks = Math.max(0, (options.tasks ?? 200) - rackTasks);
  return scenario({
    profiles: [{ name: 'big', account: '555555555555', region: 'us-east-1' }],
    data: {
      '555555555555': {
        'us-east-1': (at) =>
          rack(at, {
            name: 'big',
            instanceType: 't3.xlarge',
            instanceCount: instances,
            buildInstance: '',
            stoppedTasks: 0,
            apps: Array.from({ length: bigApps }, (_, index) => ({
              name: `app${index + 1}`,
              processes: [
                {
                  name: 'web',
                  count: Math.floor(appTasks / bigApps) + (index < appTasks % bigApps ? 1 : 0),
                  cpu: 64,
                  memory: 128,
                },
              ],
            })),
          }),
      },
    },
  });
}
