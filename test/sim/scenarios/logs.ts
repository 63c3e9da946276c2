// A rack whose CloudWatch log group has lines in each of its streams, paged small so that following reads
// several pages; tests and the bench add events (late ones too) while the simulator runs.
import type { LogEventData, LogGroup, RegionData, Scenario } from '../types';
import { addSeconds, type Place } from './ids';
import { rack } from './rack';
import { rackNames } from './rackResources';
import { scenario } from './scenario';

export const logsAccount = '888888888888';
export const logsProfile = 'logs';
export const logsRegion = 'us-east-1';
export const logsRack = 'logs';
/** Events per FilterLogEvents page in this scenario, whatever the request asks. */
export const logsPageSize = 25;

export const logGroupName = (place: Place, name: string): string => rackNames(place, name, false).logGroup;

/** The streams of a rack's group, as the rack names them. */
export const rackStreams = {
  cloudformation: 'system/cloudformation',
  web: 'service/web/0123456789abcdef0123456789abcdef',
  monitor: 'service/monitor/fedcba9876543210fedcba9876543210',
  build: 'build/build/00112233445566778899aabbccddeeff',
} as const;

/** `count` lines over the streams, one every `everyMs`, ending at `end`. */
export function rackLogLines(end: Date, count: number, everyMs: number): LogEventData[] {
  const streams = [rackStreams.web, rackStreams.monitor, rackStreams.cloudformation];
  return Array.from({ length: count }, (_, index) => {
    const stream = streams[index % streams.length];
    const timestamp = new Date(end.getTime() - (count - 1 - index) * everyMs);
    const message =
      stream === rackStreams.cloudformation
        ? `aws/cfm ${logsRack} UPDATE_COMPLETE Instances line ${index}`
        : stream === rackStreams.monitor
          ? `who="EC2/ASG" what="Launching a new EC2 instance" why="line ${index}"`
          : `ns=api at=request method=GET path=/system status=200 line ${index}`;
    return { stream, timestamp, message };
  });
}

export function rackLogGroup(place: Place, name: string, events: LogEventData[], pageSize = logsPageSize): LogGroup {
  return { name: logGroupName(place, name), events, pageSize };
}

/** The one rack's log group in a scenario built by `logsScenario`. */
export function logsGroupOf(built: Scenario): LogGroup {
  const region = built.accounts.find((account) => account.id === logsAccount)?.regions[logsRegion];
  const group = region?.logGroups?.[0];
  if (!group) throw new Error('the logs scenario has no log group');
  return group;
}

export interface LogsScenarioOptions {
  /** The newest line's time; now when absent. */
  now?: Date;
  /** Lines already in the group, one a second up to `now`; 60 when absent. */
  lines?: number;
}

export function logsScenario(options: LogsScenarioOptions = {}): Scenario {
  const now = options.now ?? new Date();
  return scenario({
    profiles: [{ name: logsProfile, account: logsAccount, region: logsRegion }],
    organizations: {},
    data: {
      [logsAccount]: {
        [logsRegion]: (at): Partial<RegionData>[] => [
          rack(at, { name: logsRack, createdAt: addSeconds(now, -30 * 86_400) }),
          { logGroups: [rackLogGroup(at, logsRack, rackLogLines(now, options.lines ?? 60, 1000))] },
        ],
      },
    },
  });
}
