// Changes a test makes to the simulated world while the simulator runs, each kept consistent the way AWS
// keeps it (a stopped task frees its server's CPU and memory, an update gets its event), so that the next
// call of any operation sees it.
import { uuid } from './scenarios/ids';
import type { EcsCluster, EcsTask, RegionData, Scenario, Stack } from './types';

export interface Where {
  /** Needed only when the name is in more than one account or region. */
  account?: string;
  region?: string;
}

export interface World {
  /**
   * The ECS container instance of EC2 instance `instanceId` becomes DRAINING, as `convox instances terminate`
   * and the rack's lifecycle handler make it; its tasks run on until they are stopped.
   */
  drainServer(instanceId: string): void;
  /** The task stops as ECS StopTask stops it: STOPPED, gone from ListTasks, its server's resources freed. */
  stopTask(taskArn: string, reason?: string): void;
  /** The live stack named `stackName` starts an update: UPDATE_IN_PROGRESS, updated `at` (now when absent). */
  startUpdate(stackName: string, options?: Where & { at?: Date }): void;
  /**
   * The live stack named `stackName` reaches `status` (with CloudFormation's `reason`), with the stack's own event;
   * `updatedAt` moves only when given, as an update's start moves it and a rollback does not.
   */
  setStackStatus(stackName: string, status: string, options?: Where & { reason?: string; updatedAt?: Date }): void;
  /** The live stack named `stackName` is deleted: DELETE_COMPLETE, gone from listings. */
  deleteStack(stackName: string, options?: Where): void;
  /** The server `instanceId` of an auto-scaling group reaches `lifecycleState` (Terminating:Wait, Pending, InService). */
  setServerState(instanceId: string, lifecycleState: string): void;
}

interface Located {
  account: string;
  region: string;
  data: RegionData;
}

export function worldOf(scenario: Scenario): World {
  const regions = (): Located[] =>
    scenario.accounts.flatMap((account) =>
      Object.entries(account.regions).map(([region, data]) => ({ account: account.id, region, data })),
    );
  const clusters = (): EcsCluster[] => regions().flatMap(({ data }) => data.clusters);

  return {
    drainServer(instanceId) {
      const host = clusters()
        .flatMap((cluster) => cluster.containerInstances)
        .find((candidate) => candidate.ec2InstanceId === instanceId);
      if (!host) throw new Error(`no ECS container instance for EC2 instance ${instanceId}`);
      host.status = 'DRAINING';
    },

    stopTask(taskArn, reason = 'Task stopped by user') {
      const found = regions()
        .flatMap(({ data }) =>
          data.clusters.flatMap((cluster) => cluster.tasks.map((task) => ({ data, cluster, task }))),
        )
        .find((entry) => entry.task.arn === taskArn);
      if (!found) throw new Error(`no task ${taskArn}`);
      const { data, cluster, task } = found;
      if (task.lastStatus === 'STOPPED') return;
      const wasRunning = task.lastStatus === 'RUNNING';
      stop(task, reason);
      const host = cluster.containerInstances.find((candidate) => candidate.arn === task.containerInstanceArn);
      const definition = data.taskDefinitions.find((candidate) => candidate.arn === task.taskDefinitionArn);
      if (host && wasRunning) {
        host.runningTasksCount = Math.max(0, host.runningTasksCount - 1);
        for (const container of definition?.containerDefinitions ?? []) {
          host.remaining.cpu = Math.min(host.registered.cpu, host.remaining.cpu + container.cpu);
          host.remaining.memory = Math.min(host.registered.memory, host.remaining.memory + container.memory);
        }
      }
      const service = cluster.services.find((candidate) => task.group === `service:${candidate.name}`);
      if (service && wasRunning) service.runningCount = Math.max(0, service.runningCount - 1);
    },

    startUpdate(stackName, options = {}) {
      startUpdate(liveStack(stackName, options), options.at ?? new Date());
    },

    setStackStatus(stackName, status, options = {}) {
      const stack = liveStack(stackName, options);
      stack.status = status;
      stack.reason = options.reason;
      if (options.updatedAt) stack.updatedAt = options.updatedAt;
      const at = new Date();
      stack.events.push({
        eventId: uuid(stack.id, status, at.toISOString()),
        logicalId: stack.name,
        physicalId: stack.id,
        type: 'AWS::CloudFormation::Stack',
        status,
        reason: options.reason,
        timestamp: at,
      });
    },

    deleteStack(stackName, options = {}) {
      const stack = liveStack(stackName, options);
      stack.status = 'DELETE_COMPLETE';
      stack.deletedAt = new Date();
    },

    setServerState(instanceId, lifecycleState) {
      const server = regions()
        .flatMap(({ data }) => data.autoScalingGroups.flatMap((group) => group.instances))
        .find((candidate) => candidate.id === instanceId);
      if (!server) throw new Error(`no auto-scaling group has server ${instanceId}`);
      server.lifecycleState = lifecycleState;
    },
  };

  function liveStack(stackName: string, options: Where): Stack {
    const matches = regions()
      .filter(
        ({ account, region }) => (options.account ?? account) === account && (options.region ?? region) === region,
      )
      .flatMap(({ data }) =>
        data.stacks.filter((candidate) => candidate.name === stackName && candidate.status !== 'DELETE_COMPLETE'),
      );
    if (matches.length !== 1)
      throw new Error(`${matches.length} live stacks named ${stackName}; name the account and region`);
    return matches[0];
  }
}

function stop(task: EcsTask, reason: string): void {
  task.lastStatus = 'STOPPED';
  task.desiredStatus = 'STOPPED';
  task.stoppedAt = new Date();
  task.stoppedReason = reason;
  task.containers = task.containers.map((container) => ({ ...container, lastStatus: 'STOPPED' }));
}

function startUpdate(stack: Stack, at: Date): void {
  stack.status = 'UPDATE_IN_PROGRESS';
  stack.reason = undefined;
  stack.updatedAt = at;
  stack.events.push({
    eventId: uuid(stack.id, 'UPDATE_IN_PROGRESS', at.toISOString()),
    logicalId: stack.name,
    physicalId: stack.id,
    type: 'AWS::CloudFormation::Stack',
    status: 'UPDATE_IN_PROGRESS',
    reason: 'User Initiated',
    timestamp: at,
  });
}
