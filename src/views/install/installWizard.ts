import * as vscode from 'vscode';
import { organizationOf } from '../../model/discoveryPlan';
import {
  offeredParameters,
  nameOptions,
  parameterProblem,
  parseTags,
  valuesProblems,
  type TemplateParameter,
} from '../../model/install/parameters';
import { rackNameProblem } from '../../model/install/rackName';
import { installableReleases, mirrorHost, templateUrl, versionProblem } from '../../model/install/releases';
import { optionPrompt } from '../../model/notices';
import { isRegionCode } from '../../model/settings';
import { awsRegions } from '../../model/regions';
import type { RackStore } from '../../model/store/rackStore';
import { inertText } from '../../model/untrustedText';
import { input, pick, type PickItem, type StepResult } from './quickInput';
import { messageOf } from '../../model/errorMessage';
import { pollUntil } from '../../model/pollUntil';

/** What the wizard chose; the password is made later, at the last moment, and kept nowhere. */
export interface InstallChoices {
  profile: string;
  region: string;
  name: string;
  version: string;
  templateUrl: string;
  /** Parameters the person changed from the template's defaults. */
  parameters: Record<string, string>;
  /** Those of them the template marks NoEcho: their values are never shown or logged. */
  secret: string[];
  tags: Record<string, string>;
}

export interface WizardContext {
  store: RackStore;
  organizations: Record<string, string[]>;
  releasesUrl: string;
  /** Why a rack cannot be installed there now (one is being installed), or undefined. */
  busy(profile: string, region: string, name: string): string | undefined;
  log: vscode.LogOutputChannel;
}

const title = 'Convox: Install Rack';
const totalSteps = 6;

type Draft = Partial<InstallChoices> & {
  parameters: Record<string, string>;
  tags: Record<string, string>;
  template?: TemplateParameter[];
};

/**
 * The install wizard: profile → region → name → version → options → review, each step with Back. Nothing is
 * created before the review is accepted, except the deletion of a leftover stack the person asked for.
 */
export async function installWizard(context: WizardContext): Promise<InstallChoices | undefined> {
  const draft: Draft = { parameters: {}, tags: {} };
  const steps = [chooseProfile, chooseRegion, chooseName, chooseVersion, chooseOptions, review];
  let index = 0;
  while (index < steps.length) {
    const result = await steps[index](context, draft);
    if (result.kind === 'cancel') return undefined;
    index += result.kind === 'back' ? -1 : 1;
    if (index < 0) return undefined;
  }
  const { profile, region, name, version } = draft;
  if (!profile || !region || !name || !version) return undefined;
  const secret = (draft.template ?? [])
    .filter((parameter) => parameter.noEcho && parameter.key in draft.parameters)
    .map((parameter) => parameter.key);
  return {
    profile,
    region,
    name,
    version,
    templateUrl: templateUrl(context.releasesUrl, version),
    parameters: draft.parameters,
    secret,
    tags: draft.tags,
  };
}

type Step = (context: WizardContext, draft: Draft) => Promise<StepResult<unknown>>;

const chooseProfile: Step = async (context, draft) => {
  const items = context.store.profiles().then((profiles) => {
    const byOrganization = new Map<string, PickItem<{ name: string; region?: string }>[]>();
    for (const profile of profiles) {
      const organization = organizationOf(profile.name, context.organizations);
      const group = byOrganization.get(organization) ?? [];
      group.push({ label: profile.name, description: profile.region ?? 'no default region', value: profile });
      byOrganization.set(organization, group);
    }
    if (byOrganization.size === 0)
      throw new Error('No AWS profiles were found. Run aws configure (or aws configure sso), then try again.');
    return [...byOrganization.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([organization, group]): PickItem<{ name: string; region?: string }>[] => [
        { label: organization, kind: vscode.QuickPickItemKind.Separator },
        ...group,
      ]);
  });
  const result = await pick({
    title,
    step: 1,
    totalSteps,
    placeholder: 'Which AWS profile (account) gets the rack?',
    items,
    active: (item) => item.value?.name === draft.profile,
  });
  if (result.kind === 'value') {
    if (draft.profile !== result.value.name) draft.region = result.value.region;
    draft.profile = result.value.name;
  }
  return result;
};

const chooseRegion: Step = async (_context, draft) => {
  const items: PickItem<string>[] = awsRegions.map((region) => ({
    label: region.code,
    description: region.name + (region.code === draft.region ? ' — the profile’s region' : ''),
    value: region.code,
  }));
  const result = await pick({
    title,
    step: 2,
    totalSteps,
    placeholder: 'Which region? (type a code to use one not listed)',
    items,
    active: (item) => item.value === draft.region,
    typed: (text) =>
      isRegionCode(text)
        ? { value: text }
        : { problem: `"${text}" is not a region code such as us-east-1: choose one from the list or type another` },
  });
  if (result.kind === 'value') draft.region = result.value;
  return result;
};

const chooseName: Step = async (context, draft) => {
  const region = draft.region ?? '';
  const profile = draft.profile ?? '';
  const options = (): { region: string; internal: boolean; privateApi: boolean } => ({
    region,
    ...nameOptions(draft.template ?? [], draft.parameters),
  });
  /** A leftover stack offered for deletion, so that pressing Enter again deletes it. */
  let offered: { name: string; stackId: string } | undefined;
  const result = await input({
    title,
    step: 3,
    totalSteps,
    prompt: `The rack's name in ${region} (the CloudFormation stack name). Press Enter to check that it is free.`,
    placeholder: 'e.g. production',
    value: draft.name ?? '',
    validate: (text) => rackNameProblem(text, options())?.message ?? context.busy(profile, region, text),
    accept: async (text, box) => {
      const target = { profile, region, name: text };
      if (offered?.name === text) {
        box.validationMessage = undefined;
        box.prompt = `Deleting the leftover stack ${text}…`;
        await deleteLeftover(context, target, offered.stackId);
        offered = undefined;
        return undefined;
      }
      const availability = await context.store.installer
        .checkName(target, context.store.requestDeadlineMs)
        .catch((error: unknown) => {
          const message = messageOf(error);
          const known = awsRegions.some((candidate) => candidate.code === region);
          throw new Error(
            known ? message : `${message} If ${region} is not a region of this account, go Back and choose another.`,
          );
        });
      if (availability.kind === 'taken')
        return `A stack named ${text} already exists in ${region} (${availability.status}). Choose another name.`;
      if (availability.kind === 'leftover') {
        offered = { name: text, stackId: availability.stackId };
        const why =
          availability.status === 'REVIEW_IN_PROGRESS'
            ? 'an empty stack left by a change set that failed'
            : 'left by an install that failed';
        return `The stack ${text} (${availability.status}) is ${why} and blocks the name. Press Enter again to delete it first, or type another name.`;
      }
      return undefined;
    },
  });
  if (result.kind === 'value') draft.name = result.value;
  return result;
};

/** Deletes a leftover stack and waits (bounded) until it is gone, so the name is free. */
async function deleteLeftover(
  context: WizardContext,
  target: { profile: string; region: string; name: string },
  stackId: string,
): Promise<void> {
  const stacks = context.store.stacks;
  const deadlineMs = context.store.requestDeadlineMs;
  await stacks.deleteStack(target, stackId, deadlineMs);
  context.log.info(`Deleting the leftover stack ${target.name} in ${target.region} (${target.profile}).`);
  const gone = await pollUntil(
    () => stacks.stackStatus(target, stackId, deadlineMs),
    (status) => {
      if (status === 'DELETE_FAILED')
        throw new Error(
          `The leftover stack ${target.name} could not be deleted (DELETE_FAILED). Delete it in the CloudFormation console, then try again.`,
        );
      return status === undefined;
    },
    { everyMs: 2_000, withinMs: 10 * 60_000 },
  );
  if (!gone.ready)
    throw new Error(`The leftover stack ${target.name} is still being deleted after 10 minutes. Try again later.`);
  context.store.requestRefresh('manual');
}

const chooseVersion: Step = async (context, draft) => {
  const items = context.store.releases.releases(context.releasesUrl, context.store.requestDeadlineMs).then((releases) =>
    installableReleases(releases).map((release, index): PickItem<string> => ({
      label: release.version,
      description: [index === 0 ? 'latest' : undefined, release.required ? 'required' : undefined]
        .filter(Boolean)
        .join(' · '),
      detail: release.description || undefined,
      value: release.version,
    })),
  );
  const result = await pick({
    title,
    step: 4,
    totalSteps,
    placeholder: 'Which release? Latest published first (or type a release name)',
    items,
    active: (item) => item.value === draft.version,
    typed: (text) => {
      const problem = versionProblem(text);
      return problem ? { problem } : { value: text };
    },
  });
  if (result.kind === 'value') {
    if (draft.version !== result.value) draft.template = undefined;
    draft.version = result.value;
  }
  return result;
};

type OptionChoice =
  { kind: 'continue' } | { kind: 'edit'; parameter: TemplateParameter } | { kind: 'all' } | { kind: 'tags' };

const chooseOptions: Step = async (context, draft) => {
  for (let showAll = false; ;) {
    let template: TemplateParameter[];
    try {
      template = await loadTemplate(context, draft);
    } catch (error) {
      const back = await pick({
        title,
        step: 5,
        totalSteps,
        placeholder: `The options of release ${draft.version} could not be read`,
        items: [
          { label: `$(error) ${inertText(messageOf(error))}` },
          { label: '$(arrow-left) Choose another release', value: true },
        ],
      });
      return back.kind === 'cancel' ? back : { kind: 'back' };
    }
    const { common, other } = offeredParameters(template);
    const problems = [...valuesProblems(template, draft.parameters), ...nameProblems(draft)];
    const shown = showAll ? [...common, ...other] : common;
    const items: PickItem<OptionChoice>[] = [
      ...problems.map((problem): PickItem<OptionChoice> => ({ label: `$(error) ${inertText(problem)}` })),
      {
        label: '$(arrow-right) Continue to review',
        description: problems.length > 0 ? 'fix the problems above first' : undefined,
        value: problems.length > 0 ? undefined : { kind: 'continue' },
      },
      { label: showAll ? 'All parameters' : 'Common options', kind: vscode.QuickPickItemKind.Separator },
      ...shown.map((parameter): PickItem<OptionChoice> => {
        const changed = draft.parameters[parameter.key];
        const value =
          parameter.noEcho && changed !== undefined ? '(hidden)' : (changed ?? parameter.defaultValue ?? '');
        return {
          label: parameter.key,
          description: `${value === '' ? '(empty)' : value}${changed === undefined ? '' : ' · changed'}`,
          detail: parameter.description,
          value: { kind: 'edit', parameter },
        };
      }),
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      ...(showAll
        ? []
        : [
            {
              label: '$(list-unordered) All parameters…',
              description: `${other.length} more`,
              value: { kind: 'all' } as OptionChoice,
            },
          ]),
      {
        label: '$(tag) Tags…',
        description:
          Object.entries(draft.tags)
            .map(([key, value]) => `${key}=${value}`)
            .join(', ') || 'none besides System=convox, Type=rack',
        value: { kind: 'tags' },
      },
    ];
    const result = await pick<OptionChoice>({
      title,
      step: 5,
      totalSteps,
      placeholder: 'Options (the template’s defaults unless changed)',
      items,
    });
    if (result.kind !== 'value') return result;
    const choice = result.value;
    if (choice.kind === 'continue') return result;
    if (choice.kind === 'all') showAll = true;
    else if (choice.kind === 'tags') await editTags(draft);
    else await editParameter(draft, choice.parameter);
  }
};

/** The name may no longer fit once Internal or PrivateApi change. */
function nameProblems(draft: Draft): string[] {
  const problem = rackNameProblem(draft.name ?? '', {
    region: draft.region ?? '',
    ...nameOptions(draft.template ?? [], draft.parameters),
  });
  return problem ? [`Name ${draft.name}: ${problem.message}`] : [];
}

async function loadTemplate(context: WizardContext, draft: Draft): Promise<TemplateParameter[]> {
  if (draft.template) return draft.template;
  const url = templateUrl(context.releasesUrl, draft.version ?? '');
  draft.template = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Convox: reading the options of release ${draft.version}…`,
    },
    () =>
      context.store.releases.templateParameters(
        { profile: draft.profile ?? '', region: draft.region ?? '' },
        url,
        context.store.requestDeadlineMs,
      ),
  );
  return draft.template;
}

async function editParameter(draft: Draft, parameter: TemplateParameter): Promise<void> {
  const current = draft.parameters[parameter.key] ?? (parameter.noEcho ? '' : (parameter.defaultValue ?? ''));
  const set = (value: string): void => {
    if (value === (parameter.defaultValue ?? '')) delete draft.parameters[parameter.key];
    else draft.parameters[parameter.key] = value;
  };
  if (parameter.allowedValues && parameter.allowedValues.length > 0 && parameter.type !== 'CommaDelimitedList') {
    const result = await pick({
      title: `${title}: ${parameter.key}`,
      step: 5,
      totalSteps,
      placeholder: parameter.description ?? parameter.key,
      items: parameter.allowedValues.map((value) => ({
        label: value === '' ? '(empty)' : inertText(value),
        description: value === parameter.defaultValue ? 'default' : undefined,
        value,
      })),
      active: (item) => item.value === current,
    });
    if (result.kind === 'value') set(result.value);
    return;
  }
  const result = await input({
    title: `${title}: ${parameter.key}`,
    step: 5,
    totalSteps,
    prompt: optionPrompt(parameter),
    value: current,
    password: parameter.noEcho,
    validate: (text) => parameterProblem(parameter, text),
  });
  if (result.kind === 'value') set(result.value);
}

async function editTags(draft: Draft): Promise<void> {
  const result = await input({
    title: `${title}: tags`,
    step: 5,
    totalSteps,
    prompt: 'Stack tags as Key=Value pairs separated by commas (System=convox and Type=rack are always added)',
    placeholder: 'team=platform,cost-center=42',
    value: Object.entries(draft.tags)
      .map(([key, value]) => `${key}=${value}`)
      .join(','),
    validate: (text) => parseTags(text).problem,
  });
  if (result.kind === 'value') draft.tags = parseTags(result.value).tags;
}

/** A release list other than Convox's: the person sees where the deployed template comes from before accepting. */
function releaseSourceWarning(host: string): PickItem<boolean> {
  return {
    label: `$(warning) Release source ${host}`,
    description: 'not Convox’s list (convox.releasesUrl)',
    // Short enough to show whole: VS Code cuts a detail to one line.
    detail: "Updates: the rack itself always applies Convox's published template.",
  };
}

const review: Step = async (context, draft) => {
  const mirror = mirrorHost(context.releasesUrl);
  const hidden = new Set(
    (draft.template ?? []).filter((parameter) => parameter.noEcho).map((parameter) => parameter.key),
  );
  const changed = Object.entries(draft.parameters).map(([key, value]): [string, string] => [
    key,
    hidden.has(key) ? '(hidden)' : value,
  ]);
  const items: PickItem<boolean>[] = [
    {
      label: `$(rocket) Install ${draft.name}`,
      description: `in ${draft.region} with profile ${draft.profile}`,
      value: true,
    },
    { label: 'What will be created', kind: vscode.QuickPickItemKind.Separator },
    { label: `Rack ${draft.name}`, description: `CloudFormation stack in ${draft.region}, profile ${draft.profile}` },
    {
      label: `Release ${draft.version}`,
      description: mirror ? `template from ${mirror}` : 'template published by Convox',
    },
    ...(mirror ? [releaseSourceWarning(mirror)] : []),
    {
      label: 'Options',
      description:
        changed.length === 0 ? 'the template’s defaults' : changed.map(([key, value]) => `${key}=${value}`).join(', '),
    },
    {
      label: 'Tags',
      description: [
        'System=convox',
        'Type=rack',
        ...Object.entries(draft.tags).map(([key, value]) => `${key}=${value}`),
      ].join(', '),
    },
    {
      label: 'API password',
      description: 'generated: 30 random letters, stored only in the stack (NoEcho), never shown or logged',
    },
    { label: 'Takes', description: 'usually 10–20 minutes; progress is shown as it goes' },
  ];
  return pick({ title, step: 6, totalSteps, placeholder: 'Review, then choose Install', items });
};
