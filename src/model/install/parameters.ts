/**
 * A template's parameters and their rules, as GetTemplateSummary and the template's own Parameters section declare
 * them, and checking the values a user gives against those rules and the CLI's cross-checks.
 */

import { matchesPattern } from './boundedMatch';

export interface TemplateParameter {
  key: string;
  /** `String`, `Number`, `CommaDelimitedList`, `List<Number>`, an AWS-specific type… */
  type: string;
  defaultValue?: string;
  description?: string;
  noEcho: boolean;
  allowedValues?: string[];
  allowedPattern?: string;
  minLength?: number;
  maxLength?: number;
  minValue?: number;
  maxValue?: number;
  constraintDescription?: string;
}

/** Parameters the extension sets itself or that the template references nowhere: never offered. */
export const unofferedParameters: ReadonlySet<string> = new Set([
  'Password',
  'Version',
  'ClientId',
  'ApiRouter',
  'Encryption',
]);

/** The options most installs change, in the order they are offered. */
export const commonParameters: readonly string[] = [
  'InstanceType',
  'HighAvailability',
  'InstanceCount',
  'NoHaInstanceCount',
  'Private',
  'PrivateApi',
  'Internal',
  'InternalOnly',
  'Autoscale',
  'VPCCIDR',
  'ExistingVpc',
  'MaxAvailabilityZones',
];

/** The template's parameters a user may set, common ones first, the rest in template order. */
export function offeredParameters(parameters: readonly TemplateParameter[]): {
  common: TemplateParameter[];
  other: TemplateParameter[];
} {
  const offered = parameters.filter((parameter) => !unofferedParameters.has(parameter.key));
  const common = commonParameters.flatMap((key) => offered.filter((parameter) => parameter.key === key));
  return { common, other: offered.filter((parameter) => !commonParameters.includes(parameter.key)) };
}

const isNumberType = (type: string): boolean => type === 'Number';
const isListType = (type: string): boolean => type === 'CommaDelimitedList' || type.startsWith('List<');

/** Why `value` is not acceptable for `parameter`, or undefined. An empty value is checked like any other, as CloudFormation does. */
export function parameterProblem(parameter: TemplateParameter, value: string): string | undefined {
  const because = parameter.constraintDescription ? ` (${parameter.constraintDescription})` : '';
  const values = isListType(parameter.type) ? value.split(',').map((item) => item.trim()) : [value];
  if (parameter.type === 'List<Number>' && values.some((item) => item === '' || !Number.isFinite(Number(item)))) {
    return `${parameter.key} is a comma-separated list of numbers.`;
  }
  if (parameter.allowedValues && parameter.allowedValues.length > 0) {
    const outside = values.find((item) => !parameter.allowedValues?.includes(item));
    if (outside !== undefined)
      return `${parameter.key} must be one of: ${parameter.allowedValues.map((allowed) => (allowed === '' ? '(empty)' : allowed)).join(', ')}.`;
  }
  if (isNumberType(parameter.type)) {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number)) return `${parameter.key} must be a number.`;
    if (parameter.minValue !== undefined && number < parameter.minValue)
      return `${parameter.key} must be at least ${parameter.minValue}${because}.`;
    if (parameter.maxValue !== undefined && number > parameter.maxValue)
      return `${parameter.key} must be at most ${parameter.maxValue}${because}.`;
    return undefined;
  }
  if (parameter.minLength !== undefined && value.length < parameter.minLength)
    return `${parameter.key} needs at least ${parameter.minLength} characters${because}.`;
  if (parameter.maxLength !== undefined && value.length > parameter.maxLength)
    return `${parameter.key} takes at most ${parameter.maxLength} characters${because}.`;
  // A pattern JavaScript cannot read, or one too slow to tell within its budget, is left to CloudFormation.
  if (parameter.allowedPattern !== undefined && matchesPattern(parameter.allowedPattern, value) === false) {
    return `${parameter.key} does not match the template's rule ${parameter.allowedPattern}${because}.`;
  }
  return undefined;
}

/** The CLI's own checks across parameters (§6), on the values that will be sent (template defaults for the rest). */
export function crossCheckProblems(values: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const down = (values.ScheduleRackScaleDown ?? '') !== '';
  const up = (values.ScheduleRackScaleUp ?? '') !== '';
  if (down !== up) problems.push('ScheduleRackScaleDown and ScheduleRackScaleUp must be set together.');
  if (values.LogDriver === 'Syslog' && (values.SyslogDestination ?? '') === '')
    problems.push('LogDriver=Syslog needs SyslogDestination (e.g. tcp+tls://logs.example.com:12345).');
  return problems;
}

/** Every problem with the values the user changed, by parameter, plus the cross-checks. */
export function valuesProblems(
  parameters: readonly TemplateParameter[],
  changed: Readonly<Record<string, string>>,
): string[] {
  const byKey = new Map(parameters.map((parameter) => [parameter.key, parameter]));
  const problems: string[] = [];
  for (const [key, value] of Object.entries(changed)) {
    const parameter = byKey.get(key);
    if (!parameter) problems.push(`The template of this release has no parameter ${key}.`);
    else if (unofferedParameters.has(key)) problems.push(`${key} is set by the installer.`);
    else {
      const problem = parameterProblem(parameter, value);
      if (problem) problems.push(problem);
    }
  }
  const effective: Record<string, string> = {};
  for (const parameter of parameters) effective[parameter.key] = changed[parameter.key] ?? parameter.defaultValue ?? '';
  return [...problems, ...crossCheckProblems(effective)];
}

/** The name rules depend on these two options; `Yes` as the template spells it. */
export function nameOptions(
  parameters: readonly TemplateParameter[],
  changed: Readonly<Record<string, string>>,
): { internal: boolean; privateApi: boolean } {
  const value = (key: string): string =>
    changed[key] ?? parameters.find((parameter) => parameter.key === key)?.defaultValue ?? '';
  return { internal: value('Internal') === 'Yes', privateApi: value('PrivateApi') === 'Yes' };
}

/** Reads constraints from a template's `Parameters` section (JSON), which GetTemplateSummary does not return. */
export function templateConstraints(template: unknown): Map<string, Partial<TemplateParameter>> {
  const result = new Map<string, Partial<TemplateParameter>>();
  // A section that is not an object has no entries that are: nothing is read from it.
  const section = (template as { Parameters?: unknown } | null | undefined)?.Parameters;
  for (const [key, raw] of Object.entries(section ?? {})) {
    if (typeof raw !== 'object' || raw === null) continue;
    const declared = raw as Record<string, unknown>;
    const number = (name: string): number | undefined =>
      declared[name] === undefined ? undefined : Number(declared[name]);
    result.set(key, {
      allowedPattern: typeof declared.AllowedPattern === 'string' ? declared.AllowedPattern : undefined,
      minLength: number('MinLength'),
      maxLength: number('MaxLength'),
      minValue: number('MinValue'),
      maxValue: number('MaxValue'),
      constraintDescription:
        typeof declared.ConstraintDescription === 'string' ? declared.ConstraintDescription : undefined,
    });
  }
  return result;
}

/** `k1=v1,k2=v2` → tags; System and Type are the installer's and cannot be given. */
export function parseTags(text: string): { tags: Record<string, string>; problem?: string } {
  const tags: Record<string, string> = {};
  if (text.trim() === '') return { tags };
  for (const pair of text.split(',')) {
    const at = pair.indexOf('=');
    const key = at < 0 ? '' : pair.slice(0, at).trim();
    if (key === '') return { tags, problem: `"${pair.trim()}" is not Key=Value.` };
    if (key === 'System' || key === 'Type')
      return { tags, problem: `The tag ${key} is set by the installer (System=convox, Type=rack).` };
    tags[key] = pair.slice(at + 1).trim();
  }
  return { tags };
}
