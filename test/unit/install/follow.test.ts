import * as assert from 'node:assert/strict';
import { failureReason, following, StackFollow, type FollowPorts } from '../../../src/model/install/follow';
import { stackProgress } from '../../../src/model/install/progress';
import { rootCause } from '../../../src/model/install/rootCause';
import { batch, event, FakeInstaller, stackEvent } from './fakeInstaller';

const target = { profile: 'acme-prod', region: 'us-east-1', name: 'prod' };
const timing = { deadlineMs: 1_000, pollMs: 1 };

/**
 * Ports that record what the notification, the row, the log and the store were given; each stack status learned says
 * how many notification reports came before it. The clock reads `now`.
 */
function recorder(): FollowPorts & {
  reports: string[];
  rows: (string | undefined)[];
  lines: string[];
  statuses: string[];
  now(): number;
} {
  const reports: string[] = [];
  const rows: (string | undefined)[] = [];
  const lines: string[] = [];
  const statuses: string[] = [];
  return {
    reports,
    rows,
    lines,
    statuses,
    stackStatus: (stackId, status) => statuses.push(`${stackId} ${status} after ${reports.length} reports`),
    report: (update) =>
      reports.push(update.increment === undefined ? update.message : `+${update.increment} ${update.message}`),
    row: (label) => rows.push(label),
    log: (line) => lines.push(line),
    now: () => 65_000,
  };
}

const creating = (complete: number) =>
  stackProgress(
    batch(
      stackEvent('prod', 'CREATE_IN_PROGRESS'),
      ...Array.from({ length: complete }, (_, index) => event(`Subnet${index}`, 'CREATE_COMPLETE')),
    ),
    'prod',
    'create',
    4,
  );

describe('following a stack: what the notification, the row and the log show', () => {
  it('moves the bar by the difference of percentages and puts the percentage on the row', () => {
    const ports = recorder();
    const follow = new StackFollow(ports, 0);
    follow.message('waiting for CloudFormation…');
    follow.progress(creating(1));
    follow.progress(creating(3));
    assert.deepEqual(ports.reports, [
      'waiting for CloudFormation…',
      '+25 25% · 1/4 resources · Subnet0 CREATE_COMPLETE · 1m 05s',
      '+50 75% · 3/4 resources · Subnet2 CREATE_COMPLETE · 1m 05s',
    ]);
    assert.deepEqual(ports.rows, ['25%', '75%']);
  });

  it('counts the time from when the operation started', () => {
    const ports = recorder();
    new StackFollow(ports, 60_000).progress(creating(0));
    assert.deepEqual(ports.reports, ['+0 0% · 0/4 resources · 5s']);
  });

  it('in a run of steps, the bar and the row count steps and each stack percentage goes after the step', () => {
    const ports = recorder();
    const follow = new StackFollow(ports, 0);
    follow.step('Disabling the autoscaler', 1, 4, 'uninstalling');
    follow.step('Deleting prod (1 of 2)', 3, 4, 'uninstalling');
    follow.progress(creating(2));
    assert.deepEqual(ports.reports, [
      '+0 Disabling the autoscaler',
      '+50 Deleting prod (1 of 2)',
      'Deleting prod (1 of 2) · 50% · 2/4 resources · Subnet1 CREATE_COMPLETE · 1m 05s',
    ]);
    assert.deepEqual(ports.rows, ['uninstalling 1/4', 'uninstalling 3/4']);
  });

  it('shows an uncounted deletion without a percentage, and leaves the row alone', () => {
    const ports = recorder();
    const deleting = stackProgress(batch(event('Vpc', 'DELETE_COMPLETE')), 'prod', 'delete', 0);
    new StackFollow(ports, 0).deletion(deleting);
    assert.deepEqual(ports.reports, ['1 resources deleted · Vpc DELETE_COMPLETE · 1m 05s']);
    assert.deepEqual(ports.rows, []);
  });

  it('clears the row when the work ends, and when it throws', async () => {
    const ports = recorder();
    assert.equal(
      await following(ports, 0, async (follow) => {
        follow.progress(creating(1));
        return 'done';
      }),
      'done',
    );
    await assert.rejects(
      following(ports, 0, async () => {
        throw new Error('Rate exceeded');
      }),
      /Rate exceeded/,
    );
    assert.deepEqual(ports.rows, ['25%', undefined, undefined]);
  });

  it('watches a stack to its end: each event logged once under the stack, the progress shown', async () => {
    const installer = new FakeInstaller();
    installer.batches.set('prod-id', [
      batch(stackEvent('prod', 'CREATE_IN_PROGRESS', 'User Initiated'), event('Vpc', 'CREATE_IN_PROGRESS')),
      batch(event('Vpc', 'CREATE_COMPLETE'), stackEvent('prod', 'CREATE_COMPLETE')),
    ]);
    const ports = recorder();
    const result = await new StackFollow(ports, 0).watch(installer, {
      target,
      stackId: 'prod-id',
      operation: 'create',
      total: 1,
      timing,
      maxMs: 5_000,
    });
    assert.equal(result.outcome, 'succeeded');
    assert.equal(ports.lines.length, 4);
    assert.match(ports.lines[0], /^prod: \S+ prod \(AWS::CloudFormation::Stack\) CREATE_IN_PROGRESS — User Initiated$/);
    assert.match(ports.lines[3], /^prod: \S+ prod \(AWS::CloudFormation::Stack\) CREATE_COMPLETE$/);
    assert.deepEqual(ports.reports, [
      '+0 0% · 0/1 resources · Vpc CREATE_IN_PROGRESS · 1m 05s',
      '+100 100% · 1/1 resources · Vpc CREATE_COMPLETE · 1m 05s',
    ]);
    assert.deepEqual(ports.rows, ['0%', '100%']);
    assert.deepEqual(ports.statuses, [
      'prod-id CREATE_IN_PROGRESS after 0 reports',
      'prod-id CREATE_COMPLETE after 1 reports',
    ]);
  });

  it('tells the store a rollback before the watch ends as failed, so no view still says creating', async () => {
    const installer = new FakeInstaller();
    installer.batches.set('prod-id', [
      batch(stackEvent('prod', 'CREATE_IN_PROGRESS'), event('Vpc', 'CREATE_COMPLETE')),
      batch(event('Instances', 'CREATE_FAILED', 'No default VPC.'), stackEvent('prod', 'ROLLBACK_IN_PROGRESS')),
    ]);
    const ports = recorder();
    const result = await new StackFollow(ports, 0).watch(installer, {
      target,
      stackId: 'prod-id',
      operation: 'create',
      total: 2,
      timing,
      maxMs: 5_000,
    });
    assert.equal(result.outcome, 'failed');
    assert.deepEqual(ports.statuses, [
      'prod-id CREATE_IN_PROGRESS after 0 reports',
      'prod-id ROLLBACK_IN_PROGRESS after 1 reports',
    ]);
  });

  it('watches a deletion without a percentage', async () => {
    const installer = new FakeInstaller();
    installer.batches.set('prod-id', [
      batch(
        stackEvent('prod', 'DELETE_IN_PROGRESS'),
        event('Vpc', 'DELETE_COMPLETE'),
        stackEvent('prod', 'DELETE_COMPLETE'),
      ),
    ]);
    const ports = recorder();
    const result = await new StackFollow(ports, 0).watch(
      installer,
      { target, stackId: 'prod-id', operation: 'delete', total: 0, timing, maxMs: 5_000 },
      'deletion',
    );
    assert.equal(result.outcome, 'succeeded');
    assert.deepEqual(ports.reports, ['1 resources deleted · Vpc DELETE_COMPLETE · 1m 05s']);
    assert.deepEqual(ports.rows, []);
    assert.deepEqual(ports.statuses, ['prod-id DELETE_COMPLETE after 0 reports']);
  });

  it('says why a stack operation failed: the root cause, or that CloudFormation gave none', () => {
    const cause = rootCause(
      batch(
        stackEvent('prod', 'CREATE_IN_PROGRESS'),
        event(
          'Instances',
          'CREATE_FAILED',
          'Resource handler returned message: "No default VPC." (RequestToken: 81c3, HandlerErrorCode: InvalidRequest)',
          'AWS::AutoScaling::AutoScalingGroup',
        ),
      ),
      'prod',
    );
    assert.equal(failureReason(cause), 'Instances (AWS::AutoScaling::AutoScalingGroup) failed: No default VPC');
    assert.equal(failureReason(undefined), 'CloudFormation gave no reason');
  });
});
