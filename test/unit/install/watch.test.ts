import * as assert from 'node:assert/strict';
import { runUninstall } from '../../../src/model/install/uninstall';
import { uninstallPlan, type PlanResource } from '../../../src/model/install/uninstallPlan';
import { watchStack } from '../../../src/model/install/watch';
import type { Rack } from '../../../src/model/rack';
import { batch, event, FakeInstaller, stackEvent } from './fakeInstaller';

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
    const result = await runUninstall(installer, rack, uninstallPlan(rackStack, [app], resources), resources, timing, {
      step: (text) => steps.push(text),
      events: () => undefined,
      progress: () => undefined,
    });
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
    const result = await runUninstall(installer, rack, uninstallPlan(rackStack, [app], resources), resources, timing, {
      step: () => undefined,
      events: () => undefined,
      progress: () => undefined,
    });
    assert.equal(result.outcome, 'failed');
    assert.equal(result.outcome === 'failed' ? result.rootCause?.logicalId : undefined, 'Settings');
    assert.ok(!installer.calls.includes('deleteStack prod-id'), 'the rack is left');
  });

  it('refuses a plan that is refused', async () => {
    const guarded = { ...rackStack, parameters: { NLBDeletionProtection: 'Yes' } };
    await assert.rejects(
      runUninstall(new FakeInstaller(), rack, uninstallPlan(guarded, [], resources), resources, timing, {
        step: () => undefined,
        events: () => undefined,
        progress: () => undefined,
      }),
      /NLBDeletionProtection=Yes/,
    );
  });
});
