import * as vscode from 'vscode';
import type { TemplateParameter } from '../../model/install/parameters';
import { versionProblem, type Release } from '../../model/install/releases';
import type { Rack } from '../../model/rack';
import {
  autoscaleWarning,
  countParameter,
  countProblem,
  fixedParameters,
  highAvailabilityRefusal,
  isSecretParameter,
  parameterChangeProblem,
  parametersProblems,
  shownValue,
  type RackChange,
} from '../../model/update/rackChange';
import { targetRelease, updateChoices } from '../../model/update/target';
import { input, pick, type PickItem } from '../install/quickInput';

/** Update Rack: the release to move to, the CLI's choice (§6) preselected, each with its description. */
export async function chooseRelease(rack: Rack, releases: Promise<Release[]>): Promise<RackChange | undefined> {
  const target = releases.then((list) => targetRelease(list, rack.version)).catch(() => undefined);
  const items = releases.then(async (list): Promise<PickItem<string>[]> => {
    const choices = updateChoices(list, rack.version);
    const proposed = await target;
    if (choices.length === 0)
      return [
        {
          label: `$(check) ${rack.displayName} is at the newest published release (${rack.version ?? 'unknown'})`,
          alwaysShow: true,
        },
      ];
    return choices.map((release) => ({
      label: release.version,
      description: [
        release.version === proposed ? 'what convox rack update chooses' : undefined,
        release.required ? 'required' : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      detail: release.description || undefined,
      value: release.version,
    }));
  });
  const proposed = await target;
  const result = await pick({
    title: `Convox: Update ${rack.displayName} (now ${rack.version ?? 'unknown'})`,
    step: 1,
    totalSteps: 1,
    placeholder: 'Which release? (or type one)',
    items,
    active: (item) => item.value === proposed,
    typed: (text) => {
      const problem = versionProblem(text.trim());
      return problem ? { problem } : { value: text.trim() };
    },
  });
  return result.kind === 'value' ? { kind: 'version', version: result.value } : undefined;
}

/** Set Rack Parameters: one parameter of the rack's template, with its value now, default, rules and description. */
export async function chooseParameter(
  rack: Rack,
  template: readonly TemplateParameter[],
): Promise<RackChange | undefined> {
  const title = `Convox: Set Parameters of ${rack.displayName}`;
  for (;;) {
    const items: PickItem<TemplateParameter>[] = template
      .filter((parameter) => !fixedParameters.has(parameter.key) || parameter.key === 'HighAvailability')
      .map((parameter) => ({
        label: parameter.key,
        description: `${shownValue(parameter.key, rack.parameters[parameter.key], template)}${parameter.defaultValue !== undefined ? ` (default ${shownValue(parameter.key, parameter.defaultValue, template)})` : ''}${parameter.key === 'HighAvailability' ? ' · install time only' : ''}`,
        detail: [
          parameter.description,
          parameter.allowedValues
            ? `one of: ${parameter.allowedValues.map((value) => value || '(empty)').join(', ')}`
            : undefined,
        ]
          .filter(Boolean)
          .join(' · '),
        value: parameter,
      }));
    const chosen = await pick({ title, step: 1, totalSteps: 2, placeholder: 'Which parameter?', items });
    if (chosen.kind !== 'value') return undefined;
    const parameter = chosen.value;
    if (parameter.key === 'HighAvailability') {
      void vscode.window.showErrorMessage(`Convox: ${highAvailabilityRefusal}.`);
      return undefined;
    }
    const secret = isSecretParameter(parameter.key, template);
    const current = rack.parameters[parameter.key] ?? '';
    const value = await input({
      title,
      step: 2,
      totalSteps: 2,
      prompt: `${parameter.key}: ${parameter.description ?? ''}${parameter.allowedValues ? ` (one of: ${parameter.allowedValues.map((allowed) => allowed || '(empty)').join(', ')})` : ''}`,
      value: secret ? '' : current,
      password: secret,
      validate: (text) => parameterChangeProblem(template, parameter.key, text),
      accept: async (text) => {
        if (!secret && text === current)
          return `${parameter.key} is already ${shownValue(parameter.key, current, template)}.`;
        return parametersProblems(template, rack.parameters, { [parameter.key]: text })[0];
      },
    });
    if (value.kind === 'cancel') return undefined;
    if (value.kind === 'value') return { kind: 'parameters', parameters: { [parameter.key]: value.value } };
  }
}

/** Scale Rack: the instance count (the parameter that applies) and the instance type; unchanged ones are not sent. */
export async function chooseScale(rack: Rack, template: readonly TemplateParameter[]): Promise<RackChange | undefined> {
  const title = `Convox: Scale ${rack.displayName}`;
  const countKey = countParameter(rack);
  const currentCount = rack.parameters[countKey] ?? '';
  const currentType = rack.parameters.InstanceType ?? '';
  const warning = autoscaleWarning(rack);
  let count: string | undefined;
  for (;;) {
    const countStep = await input({
      title,
      step: 1,
      totalSteps: 2,
      prompt: `Instance count (${countKey}, now ${currentCount || 'unset'}).${warning ? ` ${warning}` : ''}`,
      value: count ?? currentCount,
      validate: (text) => countProblem(template, rack, text),
    });
    if (countStep.kind !== 'value') return undefined;
    count = countStep.value.trim();
    const typeStep = await input({
      title,
      step: 2,
      totalSteps: 2,
      prompt: `Instance type (InstanceType, now ${currentType || 'unset'})`,
      value: currentType,
      validate: (text) => parameterChangeProblem(template, 'InstanceType', text.trim()),
      accept: async (text) =>
        count === currentCount && text.trim() === currentType ? 'Neither the count nor the type changes.' : undefined,
    });
    if (typeStep.kind === 'cancel') return undefined;
    if (typeStep.kind === 'back') continue;
    const type = typeStep.value.trim();
    return {
      kind: 'scale',
      count: count === currentCount ? undefined : Number(count),
      type: type === currentType ? undefined : type,
    };
  }
}
