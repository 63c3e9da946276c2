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

/**
 * The app an ECS service belongs to: the rack itself for its own services, else the app whose stack
 * `<rack>-<app>` holds the service (`<rack>-<app>-Service<Name>-…`); undefined for a service of neither.
 */
export function appOfService(serviceName: string, rackName: string): string | undefined {
  if (isRackService(serviceName, rackName)) return rackName;
  const prefix = `${rackName}-`;
  if (!serviceName.startsWith(prefix)) return undefined;
  const rest = serviceName.slice(prefix.length);
  const end = rest.search(/-Service[A-Z]/);
  return end > 0 ? rest.slice(0, end) : undefined;
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

/** Characters go-shellquote escapes with a backslash; `~` only at the start of a word. */
const backslashed = new Set('\\\'"`${[|&;<>()*?!');
/** Whitespace cannot be backslash-escaped, so a word with any of it is single-quoted instead. */
const whitespace = /[ \t\n]/;

/** One word as go-shellquote's `quote` writes it, so that /bin/sh splits it back out unchanged. */
export function shellQuote(word: string): string {
  if (word === '') return "''";
  if (whitespace.test(word)) {
    return word
      .split("'")
      .map((part) => (part === '' ? '' : `'${part}'`))
      .join("\\'");
  }
  return [...word]
    .map((char, index) => (backslashed.has(char) || (index === 0 && char === '~') ? `\\${char}` : char))
    .join('');
}

/** go-shellquote's `Join`, which `convox rack ps` uses for a task definition's command. */
export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}

/**
 * COMMAND as convox/rack's `fetchProcess` (provider/aws/processes.go) builds it, each step overriding the last:
 * the definition's command shell-quoted; nothing for tasks convox itself started for the app (`convox.<APP>`,
 * APP from the environment); the script of a three-word override (`sh -c "…"`, other overrides are not shown);
 * a non-empty COMMAND environment variable.
 */
function processCommand(
  task: RackTask,
  definition: ContainerDefinition | undefined,
  environment: Record<string, string>,
): string {
  let command = shellJoin(definition?.command ?? []);
  if (task.startedBy === `convox.${environment.APP ?? ''}`) command = '';
  if (task.overrideCommand?.length === 3) command = task.overrideCommand[2];
  if (environment.COMMAND) command = environment.COMMAND;
  return command;
}

/** A `convox rack ps` row from a task and its task definition's containers. */
export function processFromTask(
  task: RackTask,
  definitions: readonly ContainerDefinition[],
  rackName: string,
): Process {
  const definition = definitions.find((entry) => entry.name === task.container) ?? definitions[0];
  const environment = { ...definition?.environment, ...task.overrideEnvironment };
  return {
    id: processId(task.taskArn),
    app: definition?.labels['convox.app'] ?? environment.APP ?? rackName,
    service: task.container || definition?.name || '',
    status: task.status,
    release: definition?.labels['convox.release'] ?? environment.RELEASE ?? '',
    started: task.started,
    command: processCommand(task, definition, environment),
  };
}
