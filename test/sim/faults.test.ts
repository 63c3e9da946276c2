import * as assert from 'node:assert/strict';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeClustersCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import { clientConfig, failure } from './clients';
import { defaultScenario } from './scenarios/default';
import { startSimulator, type Simulator } from './server';

describe('simulator faults, latency and the call log', function () {
  // Throttling retries back off for up to 1 s and 2 s (the SDK's throttling base delay).
  this.timeout(8_000);
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ scenario: defaultScenario() });
  });
  afterEach(() => {
    sim.faults.clear();
    sim.calls.reset();
  });
  after(() => sim.stop());

  const cloudFormation = (profile = 'acme-prod', region?: string, maxAttempts?: number): CloudFormationClient =>
    new CloudFormationClient(clientConfig(sim, profile, region, maxAttempts));

  it('throttles the first N calls; the SDK retries them as throttling and succeeds', async () => {
    sim.faults.add({ account: '111111111111', operation: 'DescribeStacks', kind: 'throttle', times: 2 });
    const answer = await cloudFormation().send(new DescribeStacksCommand({}));
    assert.ok((answer.Stacks?.length ?? 0) > 0);
    assert.equal(answer.$metadata.attempts, 3);
    assert.equal(sim.calls.count({ operation: 'DescribeStacks' }), 3);
  });

  it('answers throttling with each protocol’s own code', async () => {
    sim.faults.add({ kind: 'throttle' });
    const query = await failure(() => cloudFormation('acme-prod', undefined, 1).send(new DescribeStacksCommand({})));
    assert.equal(query.name, 'Throttling');
    assert.equal(query.$metadata?.httpStatusCode, 400);
    const json = await failure(() => new ECSClient(clientConfig(sim, 'acme-prod', undefined, 1)).send(new DescribeClustersCommand({})));
    assert.equal(json.name, 'ThrottlingException');
    const ec2 = await failure(() => new EC2Client(clientConfig(sim, 'acme-prod', undefined, 1)).send(new DescribeInstancesCommand({})));
    assert.equal(ec2.name, 'RequestLimitExceeded');
  });

  it('answers the expired key of initech with ExpiredToken everywhere, without retrying', async () => {
    const query = await failure(() => cloudFormation('initech', 'eu-west-1').send(new DescribeStacksCommand({})));
    assert.equal(query.name, 'ExpiredToken');
    assert.equal(query.$metadata?.httpStatusCode, 403);
    const json = await failure(() => new ECSClient(clientConfig(sim, 'initech')).send(new ListTasksCommand({})));
    assert.equal(json.name, 'ExpiredTokenException');
    const ec2 = await failure(() => new EC2Client(clientConfig(sim, 'initech')).send(new DescribeInstancesCommand({})));
    assert.equal(ec2.name, 'RequestExpired');
    const autoScaling = await failure(() => new AutoScalingClient(clientConfig(sim, 'initech')).send(new DescribeAutoScalingGroupsCommand({})));
    assert.equal(autoScaling.name, 'ExpiredToken');
    assert.equal(sim.calls.count({ account: '444444444444' }), 4, 'one attempt each');
  });

  it('answers acme-staging in ap-southeast-2 with AccessDenied, and its other regions normally', async () => {
    const denied = await failure(() => cloudFormation('acme-staging', 'ap-southeast-2').send(new DescribeStacksCommand({})));
    assert.equal(denied.name, 'AccessDenied');
    assert.equal(denied.$metadata?.httpStatusCode, 403);
    const json = await failure(() => new ECSClient(clientConfig(sim, 'acme-staging', 'ap-southeast-2')).send(new ListTasksCommand({})));
    assert.equal(json.name, 'AccessDeniedException');
    assert.equal(sim.calls.count({ account: '222222222222', region: 'ap-southeast-2' }), 2, 'not retried');
    const fine = await cloudFormation('acme-staging').send(new DescribeStacksCommand({}));
    assert.ok(fine.Stacks?.some((found) => found.StackName === 'staging'));
  });

  it('retries internal failures as transient', async () => {
    sim.faults.add({ service: 'cloudformation', kind: 'internal', times: 1 });
    const answer = await cloudFormation().send(new DescribeStacksCommand({}));
    assert.equal(answer.$metadata.attempts, 2);
    sim.faults.add({ service: 'cloudformation', kind: 'internal' });
    const error = await failure(() => cloudFormation('acme-prod', undefined, 1).send(new DescribeStacksCommand({})));
    assert.equal(error.name, 'InternalFailure');
    assert.equal(error.$metadata?.httpStatusCode, 500);
  });

  it('turns a malformed answer into an SDK parse error, not a hang', async () => {
    sim.faults.add({ kind: 'malformed' });
    const xml = await failure(() => cloudFormation().send(new DescribeStacksCommand({})));
    assert.match(xml.message, /XML parse error/);
    assert.equal(xml.$metadata?.httpStatusCode, 200);
    const json = await failure(() => new ECSClient(clientConfig(sim, 'acme-prod')).send(new ListTasksCommand({})));
    assert.equal(json.name, 'SyntaxError');
    assert.equal(sim.calls.count(), 2, 'parse errors are not retried');
  });

  it('delays answers by the matching latency rules and the global latency', async () => {
    sim.faults.add({ region: 'eu-west-1', kind: 'latency', latencyMs: 200 });
    const slowStart = Date.now();
    await cloudFormation('acme-prod', 'eu-west-1').send(new DescribeStacksCommand({}));
    assert.ok(Date.now() - slowStart >= 190, 'the eu-west-1 answer waited');
    const fastStart = Date.now();
    await cloudFormation('acme-prod', 'us-east-1').send(new DescribeStacksCommand({}));
    assert.ok(Date.now() - fastStart < 190, 'other regions did not');

    const slow = await startSimulator({ scenario: defaultScenario(), latencyMs: 100 });
    try {
      const start = Date.now();
      await new CloudFormationClient(clientConfig(slow, 'acme-prod')).send(new DescribeStacksCommand({}));
      assert.ok(Date.now() - start >= 95);
    } finally {
      await slow.stop();
    }
  });

  it('lets a runtime rule override the scenario’s, and clear() restores the scenario’s', async () => {
    sim.faults.add({ account: '444444444444', kind: 'denied' });
    assert.equal((await failure(() => cloudFormation('initech').send(new DescribeStacksCommand({})))).name, 'AccessDenied');
    sim.faults.clear();
    assert.equal((await failure(() => cloudFormation('initech').send(new DescribeStacksCommand({})))).name, 'ExpiredToken');
  });

  it('rejects requests without SigV4 and keys it does not know', async () => {
    const form = await fetch(sim.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DescribeStacks&Version=2010-05-15',
    });
    assert.equal(form.status, 403);
    assert.match(await form.text(), /<Code>MissingAuthenticationToken<\/Code>/);
    const json = await fetch(sim.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListTasks' },
      body: '{}',
    });
    assert.equal(json.status, 403);
    assert.equal(((await json.json()) as { __type: string }).__type, 'MissingAuthenticationTokenException');
    const incomplete = await fetch(sim.url, { method: 'POST', headers: { authorization: 'AWS4-HMAC-SHA256 Signature=abc' }, body: '' });
    assert.equal(incomplete.status, 403);
    assert.match(await incomplete.text(), /IncompleteSignature/);
    assert.equal(sim.calls.count(), 0, 'unauthenticated requests are not API calls');

    const stranger = new CloudFormationClient({ ...clientConfig(sim, 'acme-prod'), credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' } });
    assert.equal((await failure(() => stranger.send(new DescribeStacksCommand({})))).name, 'InvalidClientTokenId');
  });

  it('records every call with account, region, service, operation and key', async () => {
    await cloudFormation('acme-readonly').send(new DescribeStacksCommand({}));
    await new ECSClient(clientConfig(sim, 'acme-prod', 'eu-west-1')).send(new DescribeClustersCommand({}));
    const [first, second] = sim.calls.all();
    assert.deepEqual(
      { ...first, at: undefined },
      { account: '111111111111', region: 'us-east-1', service: 'cloudformation', operation: 'DescribeStacks', accessKeyId: 'AKIAACMEREADONLY0001', at: undefined },
    );
    assert.ok(first.at instanceof Date);
    assert.equal(second.service, 'ecs');
    assert.equal(sim.calls.count({ account: '111111111111' }), 2);
    assert.equal(sim.calls.count({ service: 'ecs', region: 'eu-west-1' }), 1);
    sim.calls.reset();
    assert.equal(sim.calls.count(), 0);
  });
});
