import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  ListContainerInstancesCommand,
  ListServicesCommand,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import type { ClusterServer, EvidencePart, MonitorLine, RackService } from '../../model/diagnose/evidence';
import { chunks, isRackService } from '../../model/processes';
import type { Rack } from '../../model/rack';
import type { AwsClients } from '../clients';
import { logEventsPage } from '../logs/logEvents';
import type { AwsProfile } from '../profiles';
import type { CallCounter } from './stackEvidence';

/** ECS's batch and page limits. */
const ecsBatch = 100;
/** ListServices pages read at most looking for the rack's two services among the apps'. */
const maxServicePages = 3;
/** The monitor writes every 5 minutes: an hour of its lines. */
const monitorWindowMs = 60 * 60_000;
const monitorLineLimit = 50;

/** When each server was launched, from EC2: one call for up to 1000 ids. */
export async function launchTimes(
  clients: AwsClients,
  profile: AwsProfile,
  region: string,
  instanceIds: readonly string[],
  counter: CallCounter,
  abortSignal: AbortSignal,
): Promise<Map<string, Date>> {
  const times = new Map<string, Date>();
  if (instanceIds.length === 0) return times;
  const client = clients.client('ec2', profile, region, (config) => new EC2Client(config));
  for (const batch of chunks(instanceIds, 1000)) {
    counter.calls++;
    const answer = await client.send(new DescribeInstancesCommand({ InstanceIds: [...batch] }), { abortSignal });
    for (const instance of (answer.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? [])) {
      if (instance.InstanceId && instance.LaunchTime) times.set(instance.InstanceId, instance.LaunchTime);
    }
  }
  return times;
}

/** The cluster's servers: one ListContainerInstances and one DescribeContainerInstances per 100. */
export async function clusterServers(
  ecs: ECSClient,
  cluster: string,
  counter: CallCounter,
  abortSignal: AbortSignal,
  maxServers: number,
): Promise<ClusterServer[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    counter.calls++;
    const page = await ecs.send(new ListContainerInstancesCommand({ cluster, maxResults: ecsBatch, nextToken }), {
      abortSignal,
    });
    arns.push(...(page.containerInstanceArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken && arns.length < maxServers);
  const answers = await Promise.all(
    chunks(arns, ecsBatch).map((batch) => {
      counter.calls++;
      return ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: batch }), { abortSignal });
    }),
  );
  return answers.flatMap((answer) =>
    (answer.containerInstances ?? []).map((server) => ({
      ec2InstanceId: server.ec2InstanceId ?? '',
      status: server.status ?? 'UNKNOWN',
      agentConnected: server.agentConnected ?? false,
      runningTasks: server.runningTasksCount ?? 0,
    })),
  );
}

/** The rack's own services (`<rack>-ServiceWebApi-…`, `<rack>-ServiceMonitorApi-…`) with their latest events. */
export async function rackServices(
  ecs: ECSClient,
  cluster: string,
  rack: Rack,
  counter: CallCounter,
  abortSignal: AbortSignal,
): Promise<RackService[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    counter.calls++;
    pages++;
    const page = await ecs.send(new ListServicesCommand({ cluster, maxResults: ecsBatch, nextToken }), { abortSignal });
    names.push(
      ...(page.serviceArns ?? [])
        .map((arn) => arn.split('/').pop() ?? arn)
        .filter((name) => isRackService(name, rack.name)),
    );
    nextToken = page.nextToken;
  } while (nextToken && names.length < 2 && pages < maxServicePages);
  if (names.length === 0) return [];
  counter.calls++;
  const answer = await ecs.send(new DescribeServicesCommand({ cluster, services: names.slice(0, 10) }), {
    abortSignal,
  });
  return (answer.services ?? []).map((service) => ({
    name: service.serviceName ?? '',
    desired: service.desiredCount ?? 0,
    running: service.runningCount ?? 0,
    pending: service.pendingCount ?? 0,
    events: (service.events ?? []).map((event) => ({
      at: event.createdAt ?? new Date(0),
      message: event.message ?? '',
    })),
  }));
}

/** The monitor's lines of the last hour: one page of `service/monitor` streams. */
export async function monitorLines(
  clients: AwsClients,
  profile: AwsProfile,
  region: string,
  logGroup: string,
  now: number,
  counter: CallCounter,
  abortSignal: AbortSignal,
): Promise<MonitorLine[]> {
  counter.calls++;
  const page = await logEventsPage(
    clients,
    profile,
    region,
    { logGroup, startTime: now - monitorWindowMs, streamPrefix: 'service/monitor', filterPattern: '"who="' },
    abortSignal,
    monitorLineLimit,
  );
  return page.events.map((event) => ({ at: new Date(event.timestamp), stream: event.stream, message: event.message }));
}

export interface ClusterEvidence {
  launchedAt: Map<string, Date>;
  servers: ClusterServer[];
  services: RackService[];
  monitorLines: MonitorLine[];
  /** Parts that failed, by what they are, with the failure. */
  failures: { part: EvidencePart; what: string; error: unknown }[];
}

/** What ECS, EC2 and the log group say about a rack's servers and services, each part read at once and alone. */
export async function readClusterEvidence(
  clients: AwsClients,
  ecs: ECSClient,
  profile: AwsProfile,
  rack: Rack,
  instanceIds: readonly string[],
  now: number,
  counter: CallCounter,
  abortSignal: AbortSignal,
): Promise<ClusterEvidence> {
  const failures: ClusterEvidence['failures'] = [];
  const part = async <T>(name: EvidencePart, what: string, empty: T, read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      if (abortSignal.aborted) throw error;
      failures.push({ part: name, what, error });
      return empty;
    }
  };
  const cluster = rack.outputs.Cluster;
  const logGroup = rack.outputs.LogGroup;
  const [launchedAt, servers, services, lines] = await Promise.all([
    part('launch times', 'EC2 launch times (ec2:DescribeInstances)', new Map<string, Date>(), () =>
      launchTimes(clients, profile, rack.region, instanceIds, counter, abortSignal),
    ),
    part('servers', 'the ECS cluster’s servers (ecs:ListContainerInstances)', [], async () =>
      cluster ? clusterServers(ecs, cluster, counter, abortSignal, Math.max(instanceIds.length, ecsBatch)) : [],
    ),
    part('services', 'the rack’s ECS services (ecs:DescribeServices)', [], async () =>
      cluster ? rackServices(ecs, cluster, rack, counter, abortSignal) : [],
    ),
    part('monitor', 'the monitor’s lines (logs:FilterLogEvents)', [], async () =>
      logGroup ? monitorLines(clients, profile, rack.region, logGroup, now, counter, abortSignal) : [],
    ),
  ]);
  return { launchedAt, servers, services, monitorLines: lines, failures };
}
