import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AutoScalingClient,
  DeleteAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateSummaryCommand,
  ListStackResourcesCommand,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { DisableRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { clientConfig, failure } from './clients';
import { defaultScenario } from './scenarios/default';
import { releaseVersions } from './scenarios/install';
import { startSimulator, type Simulator } from './server';

const region = 'us-east-1';
const password = 'SimulatedPasswordSimulatedPass';

describe('simulator: installing and uninstalling racks through change sets', () => {
  let sim: Simulator;
  let cloudFormation: CloudFormationClient;
  let templateUrl: string;

  before(async () => {
    sim = await startSimulator({ scenario: defaultScenario(), dashboard: true });
    cloudFormation = new CloudFormationClient(clientConfig(sim, 'acme-prod', region));
    templateUrl = `${sim.url}/release/${releaseVersions[2]}/rack.json`;
  });
  after(() => sim.stop());
  beforeEach(() => {
    const install = sim.scenario.install;
    if (install)
      Object.assign(install, {
        stepMs: 10,
        changeSetMs: 20,
        failure: undefined,
        changeSetFailure: undefined,
        deleteFailure: undefined,
        releaseList: 'ok',
      });
  });

  async function createChangeSet(
    stackName: string,
    extra: { ParameterKey: string; ParameterValue: string }[] = [],
  ): Promise<string> {
    const answer = await cloudFormation.send(
      new CreateChangeSetCommand({
        StackName: stackName,
        ChangeSetName: 'init',
        ChangeSetType: 'CREATE',
        TemplateURL: templateUrl,
        Capabilities: ['CAPABILITY_IAM'],
        Parameters: [
          { ParameterKey: 'Password', ParameterValue: password },
          { ParameterKey: 'Version', ParameterValue: releaseVersions[2] },
          ...extra,
        ],
        Tags: [
          { Key: 'System', Value: 'convox' },
          { Key: 'Type', Value: 'rack' },
        ],
      }),
    );
    return answer.Id ?? assert.fail('change set id');
  }

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, limitMs = 5000): Promise<T> {
    const end = Date.now() + limitMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > end) assert.fail('condition not reached in time');
      await sleep(15);
    }
  }

  const status = async (stackName: string): Promise<string> =>
    (await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0]?.StackStatus ?? '';

  async function allEvents(stackId: string): Promise<StackEvent[]> {
    const events: StackEvent[] = [];
    let token: string | undefined;
    do {
      const page = await cloudFormation.send(new DescribeStackEventsCommand({ StackName: stackId, NextToken: token }));
      events.push(...(page.StackEvents ?? []));
      token = page.NextToken;
    } while (token);
    return events;
  }

  it('serves the release list and templates over HTTP', async () => {
    const list = (await (await fetch(sim.releasesUrl)).json()) as { version: string }[];
    assert.deepEqual(
      list.map((release) => release.version).filter((version) => releaseVersions.includes(version)),
      releaseVersions,
    );
    const template = (await (await fetch(templateUrl)).json()) as { Parameters: Record<string, { Default?: string }> };
    assert.equal(template.Parameters.Version.Default, releaseVersions[2]);
    sim.scenario.install = { ...(sim.scenario.install ?? assert.fail()), releaseList: 'unavailable' };
    assert.equal((await fetch(sim.releasesUrl)).status, 503);
  });

  it('GetTemplateSummary reads the template from the release server, with its real parameters', async () => {
    const summary = await cloudFormation.send(new GetTemplateSummaryCommand({ TemplateURL: templateUrl }));
    const keys = (summary.Parameters ?? []).map((parameter) => parameter.ParameterKey);
    for (const key of [
      'Password',
      'Version',
      'InstanceType',
      'HighAvailability',
      'PrivateApi',
      'Internal',
      'NLBDeletionProtection',
    ])
      assert.ok(keys.includes(key), key);
    const ha = summary.Parameters?.find((parameter) => parameter.ParameterKey === 'HighAvailability');
    assert.deepEqual(ha?.ParameterConstraints?.AllowedValues, ['true', 'false']);
    assert.deepEqual(summary.Capabilities, ['CAPABILITY_IAM']);
    const elsewhere = await failure(() =>
      cloudFormation.send(new GetTemplateSummaryCommand({ TemplateURL: 'https://example.com/rack.json' })),
    );
    assert.match(elsewhere.message, /TemplateURL must be a supported URL/);
  });

  it('creates a rack through a change set, resource by resource, to CREATE_COMPLETE', async () => {
    const id = await createChangeSet('sim-install');
    assert.equal(await status('sim-install'), 'REVIEW_IN_PROGRESS');
    const ready = await until(
      () => cloudFormation.send(new DescribeChangeSetCommand({ ChangeSetName: id })),
      (answer) => answer.Status === 'CREATE_COMPLETE',
    );
    assert.equal(ready.ExecutionStatus, 'AVAILABLE');
    assert.ok((ready.Changes?.length ?? 0) >= 30, 'about 40 resources');
    assert.ok(
      ready.Parameters?.some(
        (parameter) => parameter.ParameterKey === 'Password' && parameter.ParameterValue === '****',
      ),
    );
    await cloudFormation.send(new ExecuteChangeSetCommand({ ChangeSetName: id }));
    assert.equal(await status('sim-install'), 'CREATE_IN_PROGRESS');
    await until(
      () => status('sim-install'),
      (value) => value === 'CREATE_COMPLETE',
    );
    const stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName: 'sim-install' }))).Stacks?.[0];
    assert.equal(stack?.Outputs?.find((output) => output.OutputKey === 'Dashboard')?.OutputValue, sim.dashboardHost);
    const events = await allEvents(stack?.StackId ?? '');
    assert.equal(events[0].ResourceStatus, 'CREATE_COMPLETE');
    assert.equal(events[0].LogicalResourceId, 'sim-install');
    const completed = events.filter(
      (event) => event.ResourceStatus === 'CREATE_COMPLETE' && event.LogicalResourceId !== 'sim-install',
    );
    assert.equal(completed.length, ready.Changes?.length);
    const resources = await cloudFormation.send(new ListStackResourcesCommand({ StackName: 'sim-install' }));
    assert.equal(resources.StackResourceSummaries?.length, ready.Changes?.length);
  });

  it('refuses a name in use, a missing capability and values outside the rules', async () => {
    const taken = await failure(() => createChangeSet('production'));
    assert.equal(taken.name, 'AlreadyExistsException');
    const badValue = await failure(() =>
      createChangeSet('sim-bad', [{ ParameterKey: 'HighAvailability', ParameterValue: 'maybe' }]),
    );
    assert.match(badValue.message, /HighAvailability' must be one of AllowedValues/);
    const noCapability = await failure(() =>
      cloudFormation.send(
        new CreateChangeSetCommand({
          StackName: 'sim-nocap',
          ChangeSetName: 'init',
          ChangeSetType: 'CREATE',
          TemplateURL: templateUrl,
          Parameters: [{ ParameterKey: 'Password', ParameterValue: password }],
        }),
      ),
    );
    assert.equal(noCapability.name, 'InsufficientCapabilitiesException');
  });

  it('a failing resource brings the real cascade and rollback, ending ROLLBACK_COMPLETE', async () => {
    const install = sim.scenario.install ?? assert.fail();
    install.failure = {
      logicalId: 'Instances',
      reason: 'Received 0 SUCCESS signal(s) out of 1. Unable to satisfy 100% MinSuccessfulInstancesPercent requirement',
    };
    const id = await createChangeSet('sim-fail', [{ ParameterKey: 'Private', ParameterValue: 'Yes' }]);
    await until(
      () => cloudFormation.send(new DescribeChangeSetCommand({ ChangeSetName: id })),
      (answer) => answer.ExecutionStatus === 'AVAILABLE',
    );
    await cloudFormation.send(new ExecuteChangeSetCommand({ ChangeSetName: id }));
    await until(
      () => status('sim-fail'),
      (value) => value === 'ROLLBACK_COMPLETE',
    );
    const stackId =
      (await cloudFormation.send(new DescribeStacksCommand({ StackName: 'sim-fail' }))).Stacks?.[0]?.StackId ?? '';
    const chronological = (await allEvents(stackId)).reverse();
    const statuses = chronological.map((event) => `${event.LogicalResourceId} ${event.ResourceStatus}`);
    const failedAt = statuses.indexOf('Instances CREATE_FAILED');
    assert.ok(failedAt > 0);
    assert.ok(
      chronological.some((event) => event.ResourceStatusReason === 'Resource creation cancelled'),
      'the cascade',
    );
    const rollback = chronological.find((event) => event.ResourceStatus === 'ROLLBACK_IN_PROGRESS');
    assert.match(
      rollback?.ResourceStatusReason ?? '',
      /^The following resource\(s\) failed to create: \[.*Instances.*\]/,
    );
    assert.ok(statuses.indexOf('Vpc DELETE_COMPLETE') > failedAt);
    assert.ok(statuses.includes('Settings DELETE_SKIPPED'), 'a retained bucket is skipped');
    assert.equal(statuses[statuses.length - 1], 'sim-fail ROLLBACK_COMPLETE');
  });

  it('a name too long for the certificate fails late, on RouterCertificate, as in AWS', async () => {
    const id = await createChangeSet('sim-a-name-long-enough-to-fail', [
      { ParameterKey: 'Internal', ParameterValue: 'Yes' },
    ]);
    await until(
      () => cloudFormation.send(new DescribeChangeSetCommand({ ChangeSetName: id })),
      (answer) => answer.ExecutionStatus === 'AVAILABLE',
    );
    await cloudFormation.send(new ExecuteChangeSetCommand({ ChangeSetName: id }));
    await until(
      () => status('sim-a-name-long-enough-to-fail'),
      (value) => value === 'ROLLBACK_COMPLETE',
    );
    const stackId =
      (await cloudFormation.send(new DescribeStacksCommand({ StackName: 'sim-a-name-long-enough-to-fail' })))
        .Stacks?.[0]?.StackId ?? '';
    const failed = (await allEvents(stackId)).find(
      (event) => event.LogicalResourceId === 'RouterCertificate' && event.ResourceStatus === 'CREATE_FAILED',
    );
    assert.match(failed?.ResourceStatusReason ?? '', /first domain name can be no longer than 64 characters/);
  });

  it('a failed change set leaves an empty REVIEW_IN_PROGRESS stack until it is deleted', async () => {
    const install = sim.scenario.install ?? assert.fail();
    install.changeSetFailure =
      "The submitted information didn't contain changes. Submit different information to create a change set.";
    const id = await createChangeSet('sim-cs-fail');
    const failed = await until(
      () => cloudFormation.send(new DescribeChangeSetCommand({ ChangeSetName: id })),
      (answer) => answer.Status === 'FAILED',
    );
    assert.match(failed.StatusReason ?? '', /didn't contain changes/);
    assert.equal(await status('sim-cs-fail'), 'REVIEW_IN_PROGRESS');
    const again = await failure(() => createChangeSet('sim-cs-fail'));
    assert.equal(again.name, 'AlreadyExistsException');
    const early = await failure(() => cloudFormation.send(new ExecuteChangeSetCommand({ ChangeSetName: id })));
    assert.equal(early.name, 'InvalidChangeSetStatusException');
    await cloudFormation.send(new DeleteChangeSetCommand({ ChangeSetName: id }));
    await cloudFormation.send(new DeleteStackCommand({ StackName: 'sim-cs-fail' }));
    await until(
      () => cloudFormation.send(new DescribeStacksCommand({})),
      (answer) => !(answer.Stacks ?? []).some((stack) => stack.StackName === 'sim-cs-fail'),
    );
  });

  it('uninstall pieces: DisableRule, DeleteAutoScalingGroup with ForceDelete, DeleteStack to DELETE_COMPLETE or DELETE_FAILED', async () => {
    const resources =
      (await cloudFormation.send(new ListStackResourcesCommand({ StackName: 'sim-install' }))).StackResourceSummaries ??
      [];
    const rule =
      resources.find((resource) => resource.LogicalResourceId === 'InstancesAutoscalerEvent')?.PhysicalResourceId ??
      assert.fail('rule');
    const events = new EventBridgeClient(clientConfig(sim, 'acme-prod', region));
    await events.send(new DisableRuleCommand({ Name: rule }));
    assert.equal(
      (await failure(() => events.send(new DisableRuleCommand({ Name: 'nope' })))).name,
      'ResourceNotFoundException',
    );
    const autoScaling = new AutoScalingClient(clientConfig(sim, 'acme-prod', region));
    const groups = resources
      .filter((resource) => resource.ResourceType === 'AWS::AutoScaling::AutoScalingGroup')
      .map((resource) => resource.PhysicalResourceId ?? '');
    assert.equal(groups.length, 2);
    for (const group of groups)
      await autoScaling.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: group, ForceDelete: true }));
    const left = await autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: groups }));
    assert.equal(left.AutoScalingGroups?.length, 0);

    const install = sim.scenario.install ?? assert.fail();
    install.deleteFailure = {
      stackName: 'sim-install',
      logicalId: 'DynamoBuilds',
      reason:
        'Resource handler returned message: "Resource cannot be deleted as it is currently protected against deletion."',
    };
    await cloudFormation.send(new DeleteStackCommand({ StackName: 'sim-install' }));
    await until(
      () => status('sim-install'),
      (value) => value === 'DELETE_FAILED',
    );
    await cloudFormation.send(new DeleteStackCommand({ StackName: 'sim-install' }));
    const stackId =
      (await cloudFormation.send(new DescribeStacksCommand({ StackName: 'sim-install' }))).Stacks?.[0]?.StackId ?? '';
    await until(
      () => cloudFormation.send(new DescribeStacksCommand({ StackName: stackId })),
      (answer) => answer.Stacks?.[0]?.StackStatus === 'DELETE_COMPLETE',
    );
    const statuses = (await allEvents(stackId)).map((event) => `${event.LogicalResourceId} ${event.ResourceStatus}`);
    assert.ok(statuses.includes('Settings DELETE_SKIPPED'));
    assert.ok(statuses.includes('DynamoBuilds DELETE_FAILED'));
  });
});
