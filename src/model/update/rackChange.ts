import { crossCheckProblems, parameterProblem, type TemplateParameter } from '../install/parameters';
import type { Rack } from '../rack';

/**
 * What the person asked to change, as the CLI's three commands ask it of the rack API (`PUT /system`,
 * `structs.SystemUpdateOptions`): `rack update` sends `version`; `rack params set` sends `parameters`; `rack scale`
 * sends `count` and `type`.
 */
export type RackChange =
  | { kind: 'version'; version: string }
  | { kind: 'parameters'; parameters: Readonly<Record<string, string>> }
  | { kind: 'scale'; count?: number; type?: string };

/** Parameters the rack sets itself or that cannot change after install: never offered by Set Parameters. */
export const fixedParameters: ReadonlySet<string> = new Set([
  'Password',
  'Version',
  'ClientId',
  'ApiRouter',
  'Encryption',
  'HighAvailability',
]);

/** The CLI's own refusal (`convox rack params set HighAvailability=…`), word for word. */
export const highAvailabilityRefusal = 'the HighAvailability parameter is only supported during rack installation';

/** Shown instead of a secret's value, as `convox rack params` masks them. */
export const masked = '**********';

/** Parameters whose values are never shown: the template's NoEcho ones and those the CLI masks. */
export function isSecretParameter(key: string, template: readonly TemplateParameter[]): boolean {
  return (
    key === 'Password' || key === 'HttpProxy' || template.some((parameter) => parameter.key === key && parameter.noEcho)
  );
}

/** A value as the preview and the pickers show it. */
export function shownValue(key: string, value: string | undefined, template: readonly TemplateParameter[]): string {
  if (value === undefined) return '(unset)';
  if (isSecretParameter(key, template)) return masked;
  return value === '' ? '(empty)' : value;
}

/** Why `key=value` cannot be set on this rack (typed in Set Parameters), or undefined. */
export function parameterChangeProblem(
  template: readonly TemplateParameter[],
  key: string,
  value: string,
): string | undefined {
  if (key === 'HighAvailability') return highAvailabilityRefusal;
  const parameter = template.find((candidate) => candidate.key === key);
  if (!parameter) return `The rack's template has no parameter ${key}.`;
  if (fixedParameters.has(key)) return `${key} is set by the rack itself and cannot be changed here.`;
  return parameterProblem(parameter, value);
}

/** Every problem with a Set Parameters change, the CLI's cross-checks included (on the values after the change). */
export function parametersProblems(
  template: readonly TemplateParameter[],
  current: Readonly<Record<string, string>>,
  changed: Readonly<Record<string, string>>,
): string[] {
  const own = Object.entries(changed).flatMap(([key, value]) => parameterChangeProblem(template, key, value) ?? []);
  return [...own, ...crossCheckProblems({ ...current, ...changed })];
}

/** The instance count parameter that applies (§3): InstanceCount with HighAvailability, else NoHaInstanceCount. */
export function countParameter(rack: Pick<Rack, 'parameters'>): 'InstanceCount' | 'NoHaInstanceCount' {
  return rack.parameters.HighAvailability === 'false' ? 'NoHaInstanceCount' : 'InstanceCount';
}

/** Why a count cannot be used, from the template's rule for the parameter that applies. */
export function countProblem(
  template: readonly TemplateParameter[],
  rack: Pick<Rack, 'parameters'>,
  text: string,
): string | undefined {
  const count = text.trim();
  if (!/^\d+$/.test(count)) return 'The instance count is a whole number.';
  const parameter = template.find((candidate) => candidate.key === countParameter(rack));
  return parameter ? parameterProblem(parameter, count) : undefined;
}

/** Said before scaling a rack whose autoscaler is on: it will set the count again. */
export function autoscaleWarning(rack: Pick<Rack, 'parameters'>): string | undefined {
  return rack.parameters.Autoscale === 'Yes'
    ? "Autoscale is Yes: the rack's autoscaler sets the instance count itself about every minute, so a count set here may soon change again. Set Autoscale=No (Set Rack Parameters) to keep it."
    : undefined;
}

/**
 * The stack parameters that change, as CloudFormation's UpdateStack gets them from the rack (provider/aws
 * SystemUpdate): `count` sets InstanceCount and `type` InstanceType; a scale of a rack without HighAvailability
 * is sent as the NoHaInstanceCount parameter, the one that applies there (see systemUpdateForm).
 */
export function changedParameters(rack: Pick<Rack, 'parameters'>, change: RackChange): Record<string, string> {
  switch (change.kind) {
    case 'version':
      return { Version: change.version };
    case 'parameters':
      return { ...change.parameters };
    case 'scale': {
      const values: Record<string, string> = {};
      if (change.count !== undefined) values[countParameter(rack)] = String(change.count);
      if (change.type !== undefined) values.InstanceType = change.type;
      return values;
    }
  }
}

/**
 * The `PUT /system` form body the CLI's SDK sends (stdsdk.MarshalOptions of structs.SystemUpdateOptions): fields
 * `count`, `type`, `version`, and `parameters` holding the map itself form-encoded (`K1=V1&K2=V2`), the whole
 * `application/x-www-form-urlencoded`. The rack turns `count` into InstanceCount, so a rack without
 * HighAvailability gets its count as the NoHaInstanceCount parameter instead.
 */
export function systemUpdateForm(rack: Pick<Rack, 'parameters'>, change: RackChange): string {
  const form = new URLSearchParams();
  switch (change.kind) {
    case 'version':
      form.set('version', change.version);
      break;
    case 'parameters':
      form.set('parameters', new URLSearchParams(Object.entries(change.parameters)).toString());
      break;
    case 'scale':
      if (change.count !== undefined && countParameter(rack) === 'InstanceCount')
        form.set('count', String(change.count));
      if (change.count !== undefined && countParameter(rack) === 'NoHaInstanceCount')
        form.set('parameters', new URLSearchParams({ NoHaInstanceCount: String(change.count) }).toString());
      if (change.type !== undefined) form.set('type', change.type);
      break;
  }
  return form.toString();
}

/** The title of the preview and the notification: `Update to 20260421192651`, `Set Autoscale=No`, `Scale to 4 × t3.large`. */
export function changeTitle(change: RackChange, template: readonly TemplateParameter[] = []): string {
  switch (change.kind) {
    case 'version':
      return `Update to ${change.version}`;
    case 'parameters':
      return `Set ${Object.entries(change.parameters)
        .map(([key, value]) => `${key}=${shownValue(key, value, template)}`)
        .join(', ')}`;
    case 'scale':
      return `Scale to ${[change.count === undefined ? undefined : `${change.count} instances`, change.type].filter((part) => part !== undefined).join(' of ')}`;
  }
}

/** Statuses whose stack is settled, so CloudFormation accepts an update (§6): a converging rack's stack is complete. */
export function acceptsChanges(status: string): boolean {
  return status === 'running' || status === 'converging';
}

/**
 * Why the rack cannot be changed now, or undefined when CloudFormation would accept the change: `running`, or
 * `converging` (its stack is complete while its servers roll; see `convergingWarning`).
 */
export function changeRefusal(
  rack: Pick<Rack, 'displayName' | 'status' | 'cloudformationStatus' | 'local'>,
): string | undefined {
  if (rack.local) return `${rack.displayName} is a local rack: it is changed with kubectl, not through CloudFormation.`;
  if (acceptsChanges(rack.status)) return undefined;
  const why: Partial<Record<string, string>> = {
    updating: "an update is under way (the rack's autoscaler updates it about every minute when Autoscale is Yes)",
    rollback: 'CloudFormation is rolling back a change',
    creating: 'it is still being created',
    deleting: 'it is being deleted',
    failed: 'its last change failed; CloudFormation must be fixed first',
  };
  return `${rack.displayName} is ${rack.status} (${rack.cloudformationStatus}): ${why[rack.status] ?? 'CloudFormation is not done with it'}. A rack is changed only while it is running (or converging).`;
}

/** Servers a warning names before it says how many more there are. */
const namedServers = 5;

/**
 * Said before a converging rack is changed, naming the servers not in service (`i-… (Pending)`); undefined for a
 * rack that is not converging.
 */
export function convergingWarning(
  rack: Pick<Rack, 'displayName' | 'status'>,
  servers: readonly string[],
): string | undefined {
  if (rack.status !== 'converging') return undefined;
  const more = servers.length > namedServers ? ` and ${servers.length - namedServers} more` : '';
  const which =
    servers.length > 0
      ? `not in service: ${servers.slice(0, namedServers).join(', ')}${more}`
      : 'some servers are not in service';
  return `${rack.displayName} is converging (${which}). CloudFormation accepts the change now, while those servers are still being replaced; a change of count, type or release rolls the servers again.`;
}
