import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { runUninstall } from '../../../src/model/install/uninstall';
import { uninstallPlan, type PlanResource } from '../../../src/model/install/uninstallPlan';
import { watchStack } from '../../../src/model/install/watch';
import type { Rack } from '../../../src/model/rack';
import { batch, event, FakeInstaller, stackEvent } from './fakeInstaller';
import type { StackEvent } from '../../../src/model/stackEvents';

const target = { profile: 'acme-prod', region: 'us-east-1', name: 'prod' };
const timing = { deadlineMs: 1_000, pollMs: 1 };

describe('following a stack through its events', () => {
  it('reads only events newer than the last seen and ends at CREATE_COMPLETE', async () => {
    const installer = new FakeInstaller();
    installer.batches.set('prod-id', [
      batch(
        stackEvent('prod', 'REVIEW_IN_PROGRESS', 'User Initiated'),
        stackEvent('prod', 'CREATE_IN_PROGRESS', 'User Initiated'),
        event('Vpc', 'CREATE_IN_PROGRESS'),
      ),
      batch(event('Vpc', 'CREATE_COMPLETE'), event('Subnet0', 'CREATE_IN_PROGRESS')),
      [],
      batch(event('Subnet0', 'CREATE_COMPLETE'), stackEvent('prod', 'CREATE_COMPLETE')),
    ]);
    const logged: string[] = [];
    const progress: number[] = [];
    const result = await watchStack(installer, {
      target,
      stackId: 'prod-id',
      operation: 'create',
      total: 2,
      timing,
      maxMs: 5_000,
      onEvents: (events) => logged.push(...events.map((entry) => `${entry.logicalId} ${entry.status}`)),
      onProgress: (state) => progress.push(state.complete),
    });
    assert.equal(result.outcome, 'succeeded');
    assert.equal(result.polls, 4);
    assert.deepEqual(progress, [0, 1, 2]);
    assert.deepEqual(
      logged.slice(0, 3),
      ['prod REVIEW_IN_PROGRESS', 'prod CREATE_IN_PROGRESS', 'Vpc CREATE_IN_PROGRESS'],
      'oldest first',
    );
    assert.equal(logged.length, 7, 'each event once');
    assert.match(installer.calls[1], /^newEvents prod-id Vpc-CREATE_IN_PROGRESS-/);
  });

  it('ends a failed create at ROLLBACK_IN_PROGRESS with the root cause', async () => {
    const installer = new FakeInstaller();
    installer.batches.set('prod-id', [
      batch(
        stackEvent('prod', 'CREATE_IN_PROGRESS', 'User Initiated'),
        event(
          'Instances',
          'CREATE_FAILED',
          'Received 0 SUCCESS signal(s) out of 1.',
          'AWS::AutoScaling::AutoScalingGroup',
        ),
        event('Cluster', 'CREATE_FAILED', 'Resource creation cancelled', 'AWS::ECS::Cluster'),
        stackEvent('prod', 'ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [Cluster, Instances].'),
      ),
    ]);
    const result = await watchStack(installer, {
      target,
      stackId: 'prod-id',
      operation: 'create',
      total: 10,
      timing,
      maxMs: 5_000,
    });
    assert.equal(result.outcome, 'failed');
    assert.equal(result.rootCause?.logicalId, 'Instances');
  });

  it('tolerates a few failed polls, then gives up with the error', async () => {
    const installer = new FakeInstaller();
    installer.failures.set('prod-id', 2);
    installer.batches.set('prod-id', [
      batch(stackEvent('prod', 'CREATE_IN_PROGRESS'), stackEvent('prod', 'CREATE_COMPLETE')),
    ]);
    assert.equal(
      (await watchStack(installer, { target, stackId: 'prod-id', operation: 'create', total: 0, timing, maxMs: 5_000 }))
        .outcome,
      'succeeded',
    );
    installer.failures.set('other', 5);
    await assert.rejects(
      watchStack(installer, { target, stackId: 'other', operation: 'create', total: 0, timing, maxMs: 5_000 }),
      /Rate exceeded/,
    );
  });

  it('stops when asked, and gives up after its limit while the stack goes on', async () => {
    const installer = new FakeInstaller();
    const stop = new AbortController();
    stop.abort();
    assert.equal(
      (
        await watchStack(installer, {
          target,
          stackId: 'prod-id',
          operation: 'create',
          total: 0,
          timing,
          maxMs: 5_000,
          signal: stop.signal,
        })
      ).outcome,
      'stopped',
    );
    assert.equal(
      (await watchStack(installer, { target, stackId: 'prod-id', operation: 'create', total: 0, timing, maxMs: 0 }))
        .outcome,
      'timedOut',
    );
  });

  it('counts a delete only from its own start, not the stack’s old history', async () => {
    const installer = new FakeInstaller();
    installer.batches.set('prod-id', [
      batch(
        stackEvent('prod', 'UPDATE_IN_PROGRESS'),
        event('Vpc', 'UPDATE_FAILED', 'old failure'),
        stackEvent('prod', 'DELETE_IN_PROGRESS'),
        event('Vpc', 'DELETE_FAILED', 'in use'),
        stackEvent('prod', 'DELETE_FAILED'),
      ),
    ]);
    const result = await watchStack(installer, {
      target,
      stackId: 'prod-id',
      operation: 'delete',
      total: 1,
      timing,
      maxMs: 5_000,
    });
    assert.equal(result.outcome, 'failed');
    assert.equal(result.rootCause?.reason, 'in use');
    assert.equal(result.events.length, 3);
  });
});

describe('following a stack: what it counts and keeps', () => {
  it('keeps only the operation’s own events, from its start, and counts every call', async () => {
    const installer = new FakeInstaller();
    installer.batches.set('prod-id', [
      batch(
        stackEvent('prod', 'REVIEW_IN_PROGRESS', 'User Initiated'),
        stackEvent('prod', 'CREATE_IN_PROGRESS', 'User Initiated'),
        event('Vpc', 'CREATE_IN_PROGRESS'),
      ),
      [],
      batch(event('Vpc', 'CREATE_COMPLETE'), stackEvent('prod', 'CREATE_COMPLETE')),
    ]);
    const result = await watchStack(installer, {
      target,
      stackId: 'prod-id',
      operation: 'create',
      total: 1,
      timing,
      maxMs: 5_000,
    });
    assert.equal(result.outcome, 'succeeded');
    assert.deepEqual(
      result.events.map((entry) => `${entry.logicalId} ${entry.status}`),
      ['prod CREATE_COMPLETE', 'Vpc CREATE_COMPLETE', 'Vpc CREATE_IN_PROGRESS', 'prod CREATE_IN_PROGRESS'],
    );
    assert.equal(result.rootCause, undefined);
    assert.equal(result.polls, 3);
    assert.equal(result.calls, 3);
  });

  it('an update leaves out an earlier update’s failure', async () => {
    const installer = new FakeInstaller();
    installer.batches.set('prod-id', [
      batch(
        stackEvent('prod', 'UPDATE_IN_PROGRESS', 'User Initiated'),
        event('Vpc', 'UPDATE_FAILED', 'old failure'),
        stackEvent('prod', 'UPDATE_ROLLBACK_COMPLETE'),
        stackEvent('prod', 'UPDATE_IN_PROGRESS', 'User Initiated'),
        event('Cluster', 'UPDATE_COMPLETE', undefined, 'AWS::ECS::Cluster'),
        stackEvent('prod', 'UPDATE_COMPLETE'),
      ),
    ]);
    const result = await watchStack(installer, {
      target,
      stackId: 'prod-id',
      operation: 'update',
      total: 1,
      timing,
      maxMs: 5_000,
    });
    assert.equal(result.outcome, 'succeeded');
    assert.deepEqual(
      result.events.map((entry) => `${entry.logicalId} ${entry.status}`),
      ['prod UPDATE_COMPLETE', 'Cluster UPDATE_COMPLETE', 'prod UPDATE_IN_PROGRESS'],
    );
  });

  it('a delete retried after a failed one counts from the retry', async () => {
    const installer = new FakeInstaller();
    installer.batches.set('prod-id', [
      batch(
        stackEvent('prod', 'DELETE_IN_PROGRESS', 'User Initiated'),
        event('Subnet0', 'DELETE_COMPLETE'),
        event('Vpc', 'DELETE_FAILED', 'in use'),
        stackEvent('prod', 'DELETE_FAILED'),
        stackEvent('prod', 'DELETE_IN_PROGRESS', 'User Initiated'),
      ),
      batch(event('Vpc', 'DELETE_COMPLETE'), stackEvent('prod', 'DELETE_COMPLETE')),
    ]);
    const complete: number[] = [];
    const result = await watchStack(installer, {
      target,
      stackId: 'prod-id',
      operation: 'delete',
      total: 1,
      timing,
      maxMs: 5_000,
      onProgress: (progress) => complete.push(progress.complete),
    });
    assert.equal(result.outcome, 'succeeded');
    assert.deepEqual(complete, [0, 1]);
  });

  it('a watch taken up again after the operation’s start counts every event it reads', async () => {
    const installer = new FakeInstaller();
    const start = stackEvent('prod', 'CREATE_IN_PROGRESS', 'User Initiated');
    installer.batches.set('prod-id', [
      batch(
        start,
        event('Vpc', 'CREATE_IN_PROGRESS'),
        event('Vpc', 'CREATE_COMPLETE'),
        stackEvent('prod', 'CREATE_COMPLETE'),
      ),
    ]);
    const result = await watchStack(installer, {
      target,
      stackId: 'prod-id',
      operation: 'create',
      total: 1,
      timing,
      lastSeenId: start.id,
      maxMs: 5_000,
    });
    assert.equal(result.outcome, 'succeeded');
    assert.equal(result.events.length, 3);
    assert.equal(result.progress.complete, 1);
  });

  it('goes on through quiet polls and without callbacks', async () => {
    const installer = new FakeInstaller();
    const quiet: StackEvent[][] = [[], [], [], [], [], []];
    installer.batches.set('prod-id', [
      batch(stackEvent('prod', 'DELETE_IN_PROGRESS', 'User Initiated')),
      ...['A', 'B', 'C', 'D', 'E'].map((id) => batch(event(id, 'DELETE_COMPLETE'))),
      ...quiet,
      batch(stackEvent('prod', 'DELETE_COMPLETE')),
    ]);
    const result = await watchStack(installer, {
      target,
      stackId: 'prod-id',
      operation: 'delete',
      total: 5,
      timing,
      maxMs: 5_000,
    });
    assert.equal(result.outcome, 'succeeded');
    assert.equal(result.progress.complete, 5);
    assert.equal(result.polls, 13);
  });

  it('gives up with nothing read when nothing came in time', async () => {
    const result = await watchStack(new FakeInstaller(), {
      target,
      stackId: 'prod-id',
      operation: 'create',
      total: 0,
      timing,
      maxMs: 0,
    });
    assert.equal(result.outcome, 'timedOut');
    assert.deepEqual(result.events, []);
    assert.deepEqual(result.progress, { complete: 0, total: 0, latest: undefined, stackStatus: undefined });
  });

  it('gives up only once more than its limit has passed', async () => {
    const installer = new FakeInstaller();
    const realNow = Date.now;
    let now = 0;
    const newEvents = installer.newEvents.bind(installer);
    // Each poll takes a second of a clock the test moves.
    installer.newEvents = async (...args) => ((now += 1_000), newEvents(...args));
    Date.now = () => now;
    try {
      const result = await watchStack(installer, {
        target,
        stackId: 'prod-id',
        operation: 'create',
        total: 0,
        timing,
        maxMs: 3_000,
      });
      assert.equal(result.outcome, 'timedOut');
      assert.equal(result.polls, 4);
    } finally {
      Date.now = realNow;
    }
  });
});

describe('following a stack: waiting between polls', () => {
  const slow = { deadlineMs: 1_000, pollMs: 60_000 };

  it('waits the poll interval between polls, and leaves no listener on the signal', async () => {
    const installer = new FakeInstaller();
    installer.batches.set('prod-id', [
      batch(stackEvent('prod', 'CREATE_IN_PROGRESS')),
      [],
      batch(stackEvent('prod', 'CREATE_COMPLETE')),
    ]);
    const signal = new AbortController().signal;
    const started = Date.now();
    const result = await watchStack(installer, {
      target,
      stackId: 'prod-id',
      operation: 'create',
      total: 0,
      timing: { deadlineMs: 1_000, pollMs: 40 },
      maxMs: 5_000,
      signal,
    });
    assert.equal(result.outcome, 'succeeded');
    assert.ok(Date.now() - started >= 75, 'two waits of 40 ms');
    assert.equal(getEventListeners(signal, 'abort').length, 0);
  });

  it('a stop during the wait ends it at once', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 20);
    const result = await watchStack(new FakeInstaller(), {
      target,
      stackId: 'prod-id',
      operation: 'create',
      total: 0,
      timing: slow,
      maxMs: 600_000,
      signal: stop.signal,
    });
    assert.equal(result.outcome, 'stopped');
    assert.equal(result.polls, 1);
  });

  it('a stop during a poll skips the wait', async () => {
    const stop = new AbortController();
    const installer = new FakeInstaller();
    const newEvents = installer.newEvents.bind(installer);
    installer.newEvents = async (...args) => (stop.abort(), newEvents(...args));
    const result = await watchStack(installer, {
      target,
      stackId: 'prod-id',
      operation: 'create',
      total: 0,
      timing: slow,
      maxMs: 600_000,
      signal: stop.signal,
    });
    assert.equal(result.outcome, 'stopped');
  });
});

describe('running an uninstall', () => {
  const rack = { name: 'prod', profile: 'acme-prod', region: 'us-east-1', stackId: 'prod-id' } as Rack;
  const rackStack = {
    name: 'prod',
    stackId: 'prod-id',
    status: 'CREATE_COMPLETE',
    tags: { System: 'convox', Type: 'rack' },
    parameters: {},
  };
  const app = {
    name: 'prod-web',
    stackId: 'web-id',
    status: 'CREATE_COMPLETE',
    tags: { Type: 'app', Rack: 'prod', Name: 'web' },
    parameters: {},
  };
  const resources = new Map<string, PlanResource[]>([
    [
      'prod',
      [
        { logicalId: 'InstancesAutoscalerEvent', physicalId: 'prod-rule', type: 'AWS::Events::Rule' },
        { logicalId: 'Instances', physicalId: 'prod-asg', type: 'AWS::AutoScaling::AutoScalingGroup' },
      ],
    ],
    ['prod-web', [{ logicalId: 'Settings', physicalId: 'web-bucket', type: 'AWS::S3::Bucket' }]],
  ]);
  const deleted = (name: string): ReturnType<typeof batch>[] => [
    batch(stackEvent(name, 'DELETE_IN_PROGRESS', 'User Initiated'), stackEvent(name, 'DELETE_COMPLETE')),
  ];

  it('disables the rule, force-deletes the groups, then deletes each stack in turn, the rack last', async () => {
    const installer = new FakeInstaller();
    installer.onDelete.set('web-id', deleted('prod-web'));
    installer.onDelete.set('prod-id', deleted('prod'));
    const steps: string[] = [];
    const result = await runUninstall(
      installer.ports,
      rack,
      uninstallPlan(rackStack, [app], resources),
      resources,
      timing,
      {
        step: (text) => steps.push(text),
        events: () => undefined,
        progress: () => undefined,
      },
    );
    assert.deepEqual(result, { outcome: 'succeeded', deleted: ['prod-web', 'prod'] });
    assert.deepEqual(
      installer.calls.filter((call) => !call.startsWith('newEvents')),
      ['disableRule prod-rule', 'forceDeleteAutoScalingGroup prod-asg', 'deleteStack web-id', 'deleteStack prod-id'],
    );
    assert.deepEqual(steps, [
      'Disabling the autoscaler (prod-rule)',
      'Deleting 1 auto-scaling group(s) and their instances',
      'Deleting prod-web (1 of 2)',
      'Deleting prod (2 of 2)',
    ]);
  });

  it('stops at a stack that ends DELETE_FAILED, leaving the rest', async () => {
    const installer = new FakeInstaller();
    installer.onDelete.set('web-id', [
      batch(
        stackEvent('prod-web', 'DELETE_IN_PROGRESS'),
        event('Settings', 'DELETE_FAILED', 'The bucket you tried to delete is not empty', 'AWS::S3::Bucket'),
        stackEvent('prod-web', 'DELETE_FAILED'),
      ),
    ]);
    const result = await runUninstall(
      installer.ports,
      rack,
      uninstallPlan(rackStack, [app], resources),
      resources,
      timing,
      {
        step: () => undefined,
        events: () => undefined,
        progress: () => undefined,
      },
    );
    assert.equal(result.outcome, 'failed');
    assert.equal(result.outcome === 'failed' ? result.rootCause?.logicalId : undefined, 'Settings');
    assert.ok(!installer.calls.includes('deleteStack prod-id'), 'the rack is left');
  });

  it('refuses a plan that is refused', async () => {
    const guarded = { ...rackStack, parameters: { NLBDeletionProtection: 'Yes' } };
    await assert.rejects(
      runUninstall(new FakeInstaller().ports, rack, uninstallPlan(guarded, [], resources), resources, timing, {
        step: () => undefined,
        events: () => undefined,
        progress: () => undefined,
      }),
      /NLBDeletionProtection=Yes/,
    );
  });

  it('says each step with its number, skips what the rack lacks, and reports each stack’s events and progress', async () => {
    const installer = new FakeInstaller();
    installer.onDelete.set('web-id', deleted('prod-web'));
    installer.onDelete.set('prod-id', deleted('prod'));
    // The rack has neither autoscaler rule nor auto-scaling group; the app's resources were not read.
    const bare = new Map<string, PlanResource[]>([
      [
        'prod',
        [
          { logicalId: 'Settings', physicalId: 'prod-settings', type: 'AWS::S3::Bucket' },
          { logicalId: 'Vpc', physicalId: 'vpc-1', type: 'AWS::EC2::VPC' },
        ],
      ],
    ]);
    const steps: string[] = [];
    const reported: string[] = [];
    const result = await runUninstall(installer.ports, rack, uninstallPlan(rackStack, [app], bare), bare, timing, {
      step: (text, index, count) => steps.push(`${index}/${count} ${text}`),
      events: (stack, events) => reported.push(`${stack.name}: ${events.length} events`),
      progress: (stack, progress) => reported.push(`${stack.name}: ${progress.complete}/${progress.total}`),
    });
    assert.deepEqual(result, { outcome: 'succeeded', deleted: ['prod-web', 'prod'] });
    assert.deepEqual(steps, [
      '1/4 No autoscaler to disable',
      '2/4 No auto-scaling groups to delete',
      '3/4 Deleting prod-web (1 of 2)',
      '4/4 Deleting prod (2 of 2)',
    ]);
    assert.deepEqual(reported, ['prod-web: 2 events', 'prod-web: 0/0', 'prod: 2 events', 'prod: 0/2']);
    assert.deepEqual(
      installer.calls.filter((call) => !call.startsWith('newEvents')),
      ['deleteStack web-id', 'deleteStack prod-id'],
    );
  });

  it('when stopped while a stack is deleting, ends naming that stack, and deletes no other', async () => {
    const installer = new FakeInstaller();
    installer.onDelete.set('web-id', [
      batch(stackEvent('prod-web', 'DELETE_IN_PROGRESS', 'User Initiated')),
      batch(stackEvent('prod-web', 'DELETE_COMPLETE')),
    ]);
    const stop = new AbortController();
    const plan = uninstallPlan(rackStack, [app], resources);
    const result = await runUninstall(
      installer.ports,
      rack,
      plan,
      resources,
      timing,
      { step: () => undefined, events: () => stop.abort(), progress: () => undefined },
      stop.signal,
    );
    assert.deepEqual(result, { outcome: 'stopped', deleted: [], stack: plan.stacks[0] });
    assert.ok(!installer.calls.includes('deleteStack prod-id'), 'the rack is left');
  });
});
