import * as assert from 'node:assert/strict';
import {
  autoScalingGroups,
  autoscalerRule,
  uninstallPlan,
  type PlanResource,
  type PlanStack,
} from '../../../src/model/install/uninstallPlan';

const stack = (name: string, tags: Record<string, string>, parameters: Record<string, string> = {}): PlanStack => ({
  name,
  stackId: `arn:${name}`,
  status: 'CREATE_COMPLETE',
  tags,
  parameters,
});

describe('uninstall plan', () => {
  const rack = stack('prod', { System: 'convox', Type: 'rack' });
  const app = stack('prod-web', { System: 'convox', Type: 'app', Rack: 'prod', Name: 'web' });
  const database = stack('prod-db', { System: 'convox', Type: 'resource', Rack: 'prod', Name: 'db' });
  const otherRack = stack('staging-web', { System: 'convox', Type: 'app', Rack: 'staging' });
  const resources = new Map<string, PlanResource[]>([
    [
      'prod',
      [
        { logicalId: 'Settings', physicalId: 'prod-settings-1a', type: 'AWS::S3::Bucket' },
        { logicalId: 'Logs', physicalId: 'prod-logs-1b', type: 'AWS::S3::Bucket' },
        { logicalId: 'ELBLogs', physicalId: 'prod-elblogs-1c', type: 'AWS::S3::Bucket' },
        { logicalId: 'EncryptionKey', physicalId: 'key-1234', type: 'AWS::KMS::Key' },
        {
          logicalId: 'InstancesAutoscalerEvent',
          physicalId: 'prod-InstancesAutoscalerEvent-X',
          type: 'AWS::Events::Rule',
        },
        { logicalId: 'Instances', physicalId: 'prod-Instances-Y', type: 'AWS::AutoScaling::AutoScalingGroup' },
        {
          logicalId: 'BuildInstances',
          physicalId: 'prod-BuildInstances-Z',
          type: 'AWS::AutoScaling::AutoScalingGroup',
        },
      ],
    ],
    ['prod-web', [{ logicalId: 'Settings', physicalId: 'prod-web-settings-9', type: 'AWS::S3::Bucket' }]],
  ]);

  it('deletes the stacks tagged Rack=<rack> first, the rack last, and names what stays', () => {
    const plan = uninstallPlan(rack, [app, otherRack, database, rack], resources);
    assert.deepEqual(
      plan.stacks.map((entry) => entry.name),
      ['prod-web', 'prod-db', 'prod'],
    );
    assert.equal(plan.refusal, undefined);
    assert.deepEqual(plan.retained, [
      'S3 bucket prod-settings-1a (rack Settings, retained)',
      'S3 bucket prod-logs-1b (rack Logs, retained)',
      'S3 bucket prod-elblogs-1c (rack ELBLogs, retained)',
      'S3 bucket prod-web-settings-9 (settings of app web, retained)',
      'KMS key key-1234 (scheduled for deletion, recoverable for its waiting period)',
    ]);
  });

  it('is refused while NLB deletion protection is on', () => {
    const guarded = stack(
      'prod',
      { System: 'convox', Type: 'rack' },
      { NLBDeletionProtection: 'No', NLBInternalDeletionProtection: 'Yes' },
    );
    assert.match(uninstallPlan(guarded, [], resources).refusal ?? '', /NLBInternalDeletionProtection=Yes/);
  });

  it('finds the autoscaler rule and every auto-scaling group', () => {
    const rackResources = resources.get('prod') ?? [];
    assert.equal(autoscalerRule(rackResources), 'prod-InstancesAutoscalerEvent-X');
    assert.deepEqual(autoScalingGroups(rackResources), ['prod-Instances-Y', 'prod-BuildInstances-Z']);
  });
});
