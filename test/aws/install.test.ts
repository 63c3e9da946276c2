import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AwsPorts } from '../../src/aws';
import { ChangeSetFailedError, NameTakenError } from '../../src/model/install/errors';
import { ReleaseListError, templateUrl } from '../../src/model/install/releases';
import { runUninstall } from '../../src/model/install/uninstall';
import { watchStack } from '../../src/model/install/watch';
import type { InstallRequest, Timing } from '../../src/model/store/ports';
import type { RackStore } from '../../src/model/store/rackStore';
import { defaultScenario, releaseVersions, type Stack } from '../sim';
import { refreshedStoreHooks, type SimulatedAws } from './helpers';
import { rackNamed } from '../rackNamed';

const timing: Timing = { deadlineMs: 5_000, pollMs: 25 };
const where = { profile: 'acme-prod', region: 'us-east-1' };
const password = 'PasswordPasswordPasswordPasswo';

describe('installing and uninstalling racks against the simulator', function () {
  this.timeout(30_000);
  let aws: SimulatedAws;
  let ports: AwsPorts;
  let store: RackStore;

  refreshedStoreHooks(
    () => defaultScenario(),
    {},
    (world) => ({ aws, ports, store } = world),
  );
  beforeEach(() => {
    Object.assign(aws.sim.scenario.install ?? assert.fail(), {
      stepMs: 10,
      changeSetMs: 20,
      failure: undefined,
      changeSetFailure: undefined,
      deleteFailure: undefined,
      releaseList: 'ok',
    });
    aws.sim.calls.reset();
  });

  const request = (name: string, parameters: Record<string, string> = {}): InstallRequest => ({
    ...where,
    name,
    templateUrl: templateUrl(aws.sim.releasesUrl, releaseVersions[2]),
    parameters: { Password: password, Version: releaseVersions[2], ...parameters },
    tags: { team: 'platform' },
  });
  const creates = (): number =>
    aws.sim.calls.count({ operation: 'CreateChangeSet' }) + aws.sim.calls.count({ operation: 'ExecuteChangeSet' });

  it('reads the release list, and says what to do when it cannot be had', async () => {
    const read = await ports.releases.readReleases(aws.sim.releasesUrl, 5_000);
    assert.equal(read.kind === 'changed' && read.releases.length, 4);
    (aws.sim.scenario.install ?? assert.fail()).releaseList = 'unavailable';
    await assert.rejects(
      ports.releases.readReleases(aws.sim.releasesUrl, 5_000),
      (error: unknown) =>
        error instanceof ReleaseListError && /HTTP 503.*convox\.releasesUrl, or type a release/.test(error.message),
    );
    (aws.sim.scenario.install ?? assert.fail()).releaseList = 'malformed';
    await assert.rejects(ports.releases.readReleases(aws.sim.releasesUrl, 5_000), /not JSON/);
    await assert.rejects(
      ports.releases.readReleases('http://127.0.0.1:9/versions.json', 5_000),
      /Could not fetch the release list/,
    );
  });

  it('gives up on a release list that never comes or is far too big, saying what to do', async () => {
    const server = http.createServer((request, response) => {
      if (request.url === '/huge/versions.json') response.end(' '.repeat(5 * 1024 * 1024));
      // Anything else is accepted and never answered.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const started = Date.now();
      await assert.rejects(
        ports.releases.readReleases(`${base}/silent/versions.json`, 300),
        (error: unknown) =>
          error instanceof ReleaseListError && /did not answer within 0\.3 s.*convox\.releasesUrl/.test(error.message),
      );
      assert.ok(Date.now() - started < 2_000, 'within its deadline');
      await assert.rejects(
        ports.releases.readReleases(`${base}/huge/versions.json`, 5_000),
        /more than a release list or template can be/,
      );
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('reads the parameters of a release with the rules GetTemplateSummary leaves out', async () => {
    const parameters = await ports.releases.templateParameters(
      where,
      templateUrl(aws.sim.releasesUrl, releaseVersions[2]),
      5_000,
    );
    const count = parameters.find((parameter) => parameter.key === 'InstanceCount');
    assert.equal(count?.type, 'Number');
    assert.equal(count?.minValue, 3);
    assert.deepEqual(parameters.find((parameter) => parameter.key === 'Private')?.allowedValues, ['Yes', 'No']);
    assert.equal(parameters.find((parameter) => parameter.key === 'Password')?.noEcho, true);
  });

  it('installs a rack to CREATE_COMPLETE, counting progress from the events', async () => {
    // Slow enough that a busy machine's polls still see the creation part-way, more than twice.
    (aws.sim.scenario.install ?? assert.fail()).stepMs = 60;
    assert.deepEqual(await ports.installer.checkName({ ...where, name: 'fresh' }, 5_000), { kind: 'free' });
    const started = await ports.installer.create(request('fresh'), timing);
    assert.ok(started.total >= 30);
    const seen: number[] = [];
    const result = await watchStack(ports.stacks, {
      target: { ...where, name: 'fresh' },
      stackId: started.stackId,
      operation: 'create',
      total: started.total,
      timing,
      maxMs: 20_000,
      onProgress: (progress) => seen.push(progress.complete),
    });
    assert.equal(result.outcome, 'succeeded');
    assert.equal(result.progress.complete, started.total);
    assert.ok(
      seen.length > 2 && seen.every((value, index) => index === 0 || value >= seen[index - 1]),
      `progress only grows: ${seen.join(', ')}`,
    );
    assert.ok(result.calls <= result.polls + 2, 'one DescribeStackEvents page per poll in steady state');
    const created = aws.sim.calls.all().find((call) => call.operation === 'CreateChangeSet');
    assert.ok(created);
    await store.refresh('manual');
    assert.equal(rackNamed(store, 'acme/fresh')?.status, 'running');
  });

  it('a failed install ends with the root cause, not the cascade', async () => {
    (aws.sim.scenario.install ?? assert.fail()).failure = {
      logicalId: 'Instances',
      reason:
        'Resource handler returned message: "You have requested more vCPU capacity than your current vCPU limit of 0 allows (Service: AutoScaling, Status Code: 400, Request ID: 7)" (RequestToken: 9a, HandlerErrorCode: ServiceLimitExceeded)',
    };
    const started = await ports.installer.create(request('doomed'), timing);
    const result = await watchStack(ports.stacks, {
      target: { ...where, name: 'doomed' },
      stackId: started.stackId,
      operation: 'create',
      total: started.total,
      timing,
      maxMs: 20_000,
    });
    assert.equal(result.outcome, 'failed');
    assert.equal(result.rootCause?.logicalId, 'Instances');
    assert.equal(result.rootCause?.resourceType, 'AWS::AutoScaling::AutoScalingGroup');
    assert.equal(
      result.rootCause?.reason,
      'You have requested more vCPU capacity than your current vCPU limit of 0 allows',
    );
  });

  it('a leftover ROLLBACK_COMPLETE stack is named as such, and deleting it frees the name', async () => {
    const leftover = await ports.installer.checkName({ ...where, name: 'doomed' }, 5_000);
    // The previous test stopped watching at ROLLBACK_IN_PROGRESS; the rollback finishes on its own.
    const settled =
      leftover.kind === 'leftover'
        ? leftover
        : await waitFor(
            () => ports.installer.checkName({ ...where, name: 'doomed' }, 5_000),
            (value) => value.kind === 'leftover',
          );
    assert.equal(settled.kind, 'leftover');
    if (settled.kind !== 'leftover') return;
    assert.equal(settled.status, 'ROLLBACK_COMPLETE');
    await ports.stacks.deleteStack({ ...where, name: 'doomed' }, settled.stackId, 5_000);
    await waitFor(
      () => ports.stacks.stackStatus({ ...where, name: 'doomed' }, settled.stackId, 5_000),
      (status) => status === undefined,
    );
    assert.deepEqual(await ports.installer.checkName({ ...where, name: 'doomed' }, 5_000), { kind: 'free' });
  });

  it('cancelling an install deletes the partial rack', async () => {
    (aws.sim.scenario.install ?? assert.fail()).stepMs = 40;
    const started = await ports.installer.create(request('halfway'), timing);
    const stop = new AbortController();
    const watching = watchStack(ports.stacks, {
      target: { ...where, name: 'halfway' },
      stackId: started.stackId,
      operation: 'create',
      total: started.total,
      timing,
      maxMs: 20_000,
      signal: stop.signal,
      onProgress: (progress) => progress.complete >= 3 && stop.abort(),
    });
    assert.equal((await watching).outcome, 'stopped');
    await ports.stacks.deleteStack({ ...where, name: 'halfway' }, started.stackId, 5_000);
    const deleted = await watchStack(ports.stacks, {
      target: { ...where, name: 'halfway' },
      stackId: started.stackId,
      operation: 'delete',
      total: 3,
      timing,
      maxMs: 20_000,
    });
    assert.equal(deleted.outcome, 'succeeded');
    assert.equal(await ports.stacks.stackStatus({ ...where, name: 'halfway' }, started.stackId, 5_000), undefined);
  });

  it('an existing name is refused with zero create calls', async () => {
    assert.deepEqual(await ports.installer.checkName({ ...where, name: 'production' }, 5_000), {
      kind: 'taken',
      status: 'UPDATE_COMPLETE',
    });
    assert.equal(creates(), 0);
    await assert.rejects(
      ports.installer.create(request('production'), timing),
      (error: unknown) => error instanceof NameTakenError && /already exists/.test(error.message),
    );
    assert.equal(aws.sim.calls.count({ operation: 'ExecuteChangeSet' }), 0);
  });

  it('a failed change set is reported with its reason and its empty stack removed', async () => {
    (aws.sim.scenario.install ?? assert.fail()).changeSetFailure =
      'Template error: instance of Fn::GetAtt references undefined resource Nope';
    await assert.rejects(
      ports.installer.create(request('cs-fails'), timing),
      (error: unknown) =>
        error instanceof ChangeSetFailedError &&
        error.cleaned &&
        /Fn::GetAtt references undefined resource/.test(error.message),
    );
    assert.equal(aws.sim.calls.count({ operation: 'DeleteChangeSet' }), 1);
    assert.equal(aws.sim.calls.count({ operation: 'ExecuteChangeSet' }), 0);
    await waitFor(
      () => ports.installer.checkName({ ...where, name: 'cs-fails' }, 5_000),
      (value) => value.kind === 'free',
    );
  });

  it('uninstalls in the CLI order: autoscaler rule, auto-scaling groups, stacks one at a time, rack last; names what stays', async () => {
    const rack = rackNamed(store, 'acme/fresh') ?? assert.fail('fresh');
    const { plan, resources } = await ports.installer.uninstallPlan(rack, 5_000);
    assert.equal(plan.refusal, undefined);
    assert.deepEqual(
      plan.stacks.map((stack) => stack.name),
      ['fresh'],
    );
    assert.ok(plan.retained.some((line) => /^S3 bucket fresh-settings-/.test(line)));
    assert.deepEqual(
      plan.retained
        .filter((line) => line.startsWith('KMS key '))
        .map((line) => line.replace(/^KMS key [0-9a-f-]{36} /, '')),
      [
        '(CustomerManagedKey; scheduled for deletion, recoverable for 30 days)',
        "(EncryptionKey, made by the rack's function; scheduled for deletion, recoverable for 7 days)",
      ],
    );
    aws.sim.calls.reset();
    const steps: string[] = [];
    const result = await runUninstall(ports, rack, plan, resources, timing, {
      step: (text) => steps.push(text),
      events: () => undefined,
      progress: () => undefined,
    });
    assert.equal(result.outcome, 'succeeded');
    const order = aws.sim.calls
      .all()
      .map((call) => call.operation)
      .filter((operation) => ['DisableRule', 'DeleteAutoScalingGroup', 'DeleteStack'].includes(operation));
    assert.deepEqual(order, ['DisableRule', 'DeleteAutoScalingGroup', 'DeleteAutoScalingGroup', 'DeleteStack']);
    assert.match(steps[0], /Disabling the autoscaler/);
  });

  it('refuses before any step when deletion protection would stop the uninstall half-way, and lists both KMS keys and the database snapshot', async () => {
    const production = rackNamed(store, 'acme/production') ?? assert.fail('production');
    aws.sim.calls.reset();
    const { plan } = await ports.installer.uninstallPlan(production, 5_000);
    assert.match(plan.refusal ?? '', /the postgres resource db \(stack production-db\) has DeletionProtection=true/);
    assert.doesNotMatch(plan.refusal ?? '', /DynamoDbTableDeletionProtectionEnabled/);
    const keys = plan.retained.filter((line) => line.startsWith('KMS key '));
    assert.equal(keys.length, 2, keys.join('\n'));
    assert.match(
      keys[0],
      /^KMS key [0-9a-f-]{36} \(CustomerManagedKey; scheduled for deletion, recoverable for 30 days\)$/,
    );
    assert.match(
      keys[1],
      /^KMS key [0-9a-f-]{36} \(EncryptionKey, made by the rack's function; scheduled for deletion, recoverable for 7 days\)$/,
    );
    assert.ok(
      plan.retained.includes('final snapshot of RDS database production-db (resource db, kept until you delete it)'),
      plan.retained.join('\n'),
    );
    assert.equal(
      aws.sim.calls.count({ operation: 'DeleteStack' }) + aws.sim.calls.count({ operation: 'DisableRule' }),
      0,
      'planning changes nothing',
    );

    const tidy = rackNamed(store, 'globex/tidy') ?? assert.fail('tidy');
    const tidyPlan = (await ports.installer.uninstallPlan(tidy, 5_000)).plan;
    assert.match(
      tidyPlan.refusal ?? '',
      /^tidy has DynamoDbTableDeletionProtectionEnabled=true, so its tables tidy-builds and tidy-releases cannot be deleted/,
    );
  });

  it('deletes the app and resource stacks before the rack, and a DELETE_FAILED stops the run with its root cause', async () => {
    const rack = rackNamed(store, 'acme/production') ?? assert.fail('production');
    // The person turned the database's deletion protection off, as the refusal asked: an update of its stack.
    const database = stackNamed(aws, 'production-db');
    database.parameters = database.parameters.map((parameter) =>
      parameter.key === 'DeletionProtection' ? { ...parameter, value: 'false' } : parameter,
    );
    Object.assign(database, { status: 'UPDATE_COMPLETE', updatedAt: new Date() });
    const { plan, resources } = await ports.installer.uninstallPlan(rack, 5_000);
    assert.equal(plan.refusal, undefined);
    assert.ok(plan.stacks.length > 1, 'apps first');
    assert.equal(plan.stacks[plan.stacks.length - 1].name, 'production');
    assert.ok(plan.stacks.slice(0, -1).every((stack) => stack.tags.Rack === 'production'));
    const firstApp = plan.stacks[0];
    const lastResource = resources.get(firstApp.name)?.[0]?.logicalId ?? assert.fail('a resource');
    (aws.sim.scenario.install ?? assert.fail()).deleteFailure = {
      stackName: firstApp.name,
      logicalId: lastResource,
      reason: 'The bucket you tried to delete is not empty (Service: S3, Status Code: 409, Request ID: 1)',
    };
    aws.sim.calls.reset();
    const result = await runUninstall(ports, rack, plan, resources, timing, {
      step: () => undefined,
      events: () => undefined,
      progress: () => undefined,
    });
    assert.equal(result.outcome, 'failed');
    if (result.outcome !== 'failed') return;
    assert.equal(result.stack.name, firstApp.name);
    assert.equal(result.rootCause?.logicalId, lastResource);
    assert.equal(result.rootCause?.reason, 'The bucket you tried to delete is not empty');
    assert.equal(
      aws.sim.calls.count({ operation: 'DeleteStack' }),
      1,
      'stops at the failed stack, no loop, rack untouched',
    );
  });
});

function stackNamed(aws: SimulatedAws, name: string): Stack {
  const found = aws.sim.scenario.accounts
    .flatMap((account) => Object.values(account.regions))
    .flatMap((region) => region.stacks)
    .find((stack) => stack.name === name && !stack.deletedAt);
  return found ?? assert.fail(`no stack ${name}`);
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, limitMs = 10_000): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) assert.fail('not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
