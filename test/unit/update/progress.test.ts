import * as assert from 'node:assert/strict';
import type { StackEvent } from '../../../src/model/stackEvents';
import { outcomeOf, percent, stackProgress } from '../../../src/model/install/progress';
import { rootCause } from '../../../src/model/install/rootCause';

let clock = 0;
const event = (logicalId: string, resourceType: string, status: string, reason?: string): StackEvent => ({
  id: `${logicalId}-${status}-${clock}`,
  at: new Date(1_000 * ++clock),
  logicalId,
  resourceType,
  status,
  reason,
});
const stack = (status: string, reason?: string): StackEvent =>
  event('production', 'AWS::CloudFormation::Stack', status, reason);

describe('update progress and outcome (shared with install)', () => {
  it("counts resources updated, added and removed against the change set's changes", () => {
    const events = [
      stack('UPDATE_IN_PROGRESS', 'User Initiated'),
      event('Instances', 'AWS::AutoScaling::AutoScalingGroup', 'UPDATE_IN_PROGRESS'),
      event('Instances', 'AWS::AutoScaling::AutoScalingGroup', 'UPDATE_COMPLETE'),
      event('RouterInternal', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'CREATE_COMPLETE'),
      event('ServiceWebApi', 'AWS::ECS::Service', 'UPDATE_IN_PROGRESS'),
    ].reverse();
    const progress = stackProgress(events, 'production', 'update', 4);
    assert.equal(progress.complete, 2);
    assert.equal(percent(progress), 50);
    assert.equal(progress.stackStatus, 'UPDATE_IN_PROGRESS');
  });

  it('succeeds at UPDATE_COMPLETE, follows a rollback to its end, and fails there with the root cause', () => {
    assert.equal(outcomeOf('update', 'UPDATE_IN_PROGRESS'), 'running');
    assert.equal(outcomeOf('update', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'), 'running');
    assert.equal(outcomeOf('update', 'UPDATE_COMPLETE'), 'succeeded');
    assert.equal(outcomeOf('update', 'UPDATE_ROLLBACK_IN_PROGRESS'), 'running');
    assert.equal(outcomeOf('update', 'UPDATE_ROLLBACK_COMPLETE'), 'failed');
    assert.equal(outcomeOf('update', 'UPDATE_ROLLBACK_FAILED'), 'failed');
    const events = [
      stack('UPDATE_IN_PROGRESS', 'User Initiated'),
      event('Instances', 'AWS::AutoScaling::AutoScalingGroup', 'UPDATE_IN_PROGRESS'),
      event('ServiceWebApi', 'AWS::ECS::Service', 'UPDATE_IN_PROGRESS'),
      event(
        'Instances',
        'AWS::AutoScaling::AutoScalingGroup',
        'UPDATE_FAILED',
        'Resource handler returned message: "The instance type t3.huge does not exist (Service: AutoScaling, Status Code: 400, Request ID: 1)" (RequestToken: 2, HandlerErrorCode: InvalidRequest)',
      ),
      event('ServiceWebApi', 'AWS::ECS::Service', 'UPDATE_FAILED', 'Resource update cancelled'),
      stack('UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [Instances, ServiceWebApi]. '),
      stack('UPDATE_ROLLBACK_COMPLETE'),
    ].reverse();
    const cause = rootCause(events, 'production');
    assert.equal(cause?.logicalId, 'Instances');
    assert.equal(cause?.reason, 'The instance type t3.huge does not exist');
  });
});
