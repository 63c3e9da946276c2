import type { ContainerDefinition, Process, RackTask } from './rack';

/**
 * The rack's own ECS services are named by CloudFormation `<rack>-<LogicalId>-<suffix>` (ServiceWebApi,
 * ServiceMonitorApi …). App services live in `<rack>-<app>-…` stacks, and app names are lower case, so an
 * upper-case letter right after `<rack>-` tells the two apart.
 */
export function isRackService(serviceName: string, rackName: string): boolean {
  const prefix = `${rackName}-`;
  return serviceName.startsWith(prefix) && /^[A-Z]/.test(serviceName.slice(prefix.length));
}

/** `convox rack ps` shows the last 12 characters of a task ARN as its id. */
export function processId(taskArn: string): string {
  return taskArn.slice(-12);
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** A `convox rack ps` row from a task and its task definition's containers. */
export function processFromTask(task: RackTask, definitions: readonly ContainerDefinition[], rackName: string): Process {
  const definition = definitions.find((entry) => entry.name === task.container) ?? definitions[0];
  const environment = { ...definition?.environment, ...task.overrideEnvironment };
  return {
    id: processId(task.taskArn),
    app: definition?.labels['convox.app'] ?? environment.APP ?? rackName,
    service: task.container || definition?.name || '',
    status: task.status,
    release: definition?.labels['convox.release'] ?? environment.RELEASE ?? '',
    started: task.started,
    command: (task.overrideCommand ?? definition?.command ?? []).join(' '),
  };
}
