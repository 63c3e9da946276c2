import * as assert from 'node:assert/strict';
import type { StackEvent } from '../../../src/model/stackEvents';
import {
  deletedLine,
  elapsed,
  outcomeOf,
  percent,
  progressLine,
  stackProgress,
} from '../../../src/model/install/progress';

let clock = Date.parse('2026-01-01T10:00:00Z');
function event(logicalId: string, status: string, resourceType = 'AWS::EC2::Subnet'): StackEvent {
  clock += 1000;
  return { id: String(clock), at: new Date(clock), logicalId, resourceType, status };
}

describe('install progress from stack events', () => {
  it('counts resources complete out of the expected total, with the latest event', () => {
    const events = [
      event('prod', 'CREATE_IN_PROGRESS', 'AWS::CloudFormation::Stack'),
      event('Vpc', 'CREATE_IN_PROGRESS'),
      event('Vpc', 'CREATE_COMPLETE'),
      event('Subnet0', 'CREATE_IN_PROGRESS'),
      event('Subnet0', 'CREATE_COMPLETE'),
      event('Instances', 'CREATE_IN_PROGRESS', 'AWS::AutoScaling::AutoScalingGroup'),
    ].reverse();
    const progress = stackProgress(events, 'prod', 'create', 40);
    assert.equal(progress.complete, 2);
    assert.equal(progress.total, 40);
    assert.equal(progress.latest?.logicalId, 'Instances');
    assert.equal(progress.stackStatus, 'CREATE_IN_PROGRESS');
    assert.equal(percent(progress), 5);
    assert.equal(progressLine(progress, 125_000), '2/40 resources · Instances CREATE_IN_PROGRESS · 2m 05s');
  });

  it('counts deleted and skipped resources for a delete', () => {
    const events = [
      event('Settings', 'DELETE_SKIPPED', 'AWS::S3::Bucket'),
      event('Vpc', 'DELETE_COMPLETE'),
      event('Subnet0', 'DELETE_IN_PROGRESS'),
    ].reverse();
    const progress = stackProgress(events, 'prod', 'delete', 0);
    assert.equal(progress.complete, 2);
    assert.equal(deletedLine(progress, 65_000), '2 resources deleted · Subnet0 DELETE_IN_PROGRESS · 1m 05s');
    assert.equal(deletedLine(stackProgress([], 'prod', 'delete', 0), 4_000), '0 resources deleted · 4s');
  });

  it('outcomes follow the CLI: ROLLBACK_* and DELETE_* end an install as failed', () => {
    assert.equal(outcomeOf('create', 'CREATE_IN_PROGRESS'), 'running');
    assert.equal(outcomeOf('create', 'CREATE_COMPLETE'), 'succeeded');
    assert.equal(outcomeOf('create', 'ROLLBACK_IN_PROGRESS'), 'failed');
    assert.equal(outcomeOf('create', 'ROLLBACK_COMPLETE'), 'failed');
    assert.equal(outcomeOf('delete', 'DELETE_FAILED'), 'failed');
    assert.equal(outcomeOf('delete', 'DELETE_COMPLETE'), 'succeeded');
  });

  it('elapsed time reads as minutes and seconds', () => {
    assert.equal(elapsed(9_400), '9s');
    assert.equal(elapsed(61_000), '1m 01s');
  });
});

describe('install progress at its edges', () => {
  it('nothing expected and nothing seen yet is 0 %', () => {
    assert.equal(percent(stackProgress([], 'prod', 'create', 0)), 0);
  });

  it('a create waiting for its change set is running; a delete is running until it completes or fails', () => {
    assert.equal(outcomeOf('create', 'REVIEW_IN_PROGRESS'), 'running');
    assert.equal(outcomeOf('create', undefined), 'running');
    assert.equal(outcomeOf('delete', 'DELETE_IN_PROGRESS'), 'running');
  });
});
