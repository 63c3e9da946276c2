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
  const database = stack(
    'prod-db',
    { System: 'convox', Type: 'resource', Rack: 'prod', Name: 'db', Resource: 'postgres' },
    { DeletionProtection: 'false' },
  );
  const otherRack = stack('staging-web', { System: 'convox', Type: 'app', Rack: 'staging' });
  const resources = new Map<string, PlanResource[]>([
    [
      'prod',
      [
        { logicalId: 'Settings', physicalId: 'prod-settings-1a', type: 'AWS::S3::Bucket' },
        { logicalId: 'Logs', physicalId: 'prod-logs-1b', type: 'AWS::S3::Bucket' },
        { logicalId: 'ELBLogs', physicalId: 'prod-elblogs-1c', type: 'AWS::S3::Bucket' },
        { logicalId: 'EncryptionKey', physicalId: 'key-1234', type: 'Custom::KMSKey' },
        { logicalId: 'CustomerManagedKey', physicalId: 'key-5678', type: 'AWS::KMS::Key' },
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
    [
      'prod-db',
      [
        { logicalId: 'SubnetGroup', physicalId: 'prod-db-subnetgroup-1', type: 'AWS::RDS::DBSubnetGroup' },
        { logicalId: 'Instance', physicalId: 'prod-db', type: 'AWS::RDS::DBInstance' },
      ],
    ],
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
      'KMS key key-5678 (CustomerManagedKey; scheduled for deletion, recoverable for 30 days)',
      "KMS key key-1234 (EncryptionKey, made by the rack's function; scheduled for deletion, recoverable for 7 days)",
      'final snapshot of RDS database prod-db (resource db, kept until you delete it)',
    ]);
  });

  it('lists only the keys the stack has', () => {
    const withoutCustom = new Map(resources);
    withoutCustom.set(
      'prod',
      (resources.get('prod') ?? []).filter((resource) => resource.logicalId !== 'CustomerManagedKey'),
    );
    assert.deepEqual(
      uninstallPlan(rack, [], withoutCustom).retained.filter((line) => line.startsWith('KMS key')),
      ["KMS key key-1234 (EncryptionKey, made by the rack's function; scheduled for deletion, recoverable for 7 days)"],
    );
  });

  it('is refused before any step while DynamoDB deletion protection would leave the rack DELETE_FAILED after its apps are gone', () => {
    const guarded = stack(
      'prod',
      { System: 'convox', Type: 'rack' },
      { DynamoDbTableDeletionProtectionEnabled: 'true' },
    );
    const plan = uninstallPlan(guarded, [app, database], resources);
    assert.match(
      plan.refusal ?? '',
      /^prod has DynamoDbTableDeletionProtectionEnabled=true, so its tables prod-builds and prod-releases cannot be deleted/,
    );
    assert.match(plan.refusal ?? '', /set it to false first/);
    assert.equal(
      uninstallPlan(stack('prod', {}, { DynamoDbTableDeletionProtectionEnabled: 'false' }), [app, database], resources)
        .refusal,
      undefined,
    );
  });

  it('is refused while a database resource has deletion protection, naming it, and says every reason at once', () => {
    const protectedDatabase = { ...database, parameters: { DeletionProtection: 'true' } };
    const older = stack(
      'prod-cache',
      { System: 'convox', Type: 'service', Rack: 'prod', Name: 'cache', Resource: 'mysql' },
      { DeletionProtection: 'true' },
    );
    const guarded = stack(
      'prod',
      { System: 'convox', Type: 'rack' },
      { DynamoDbTableDeletionProtectionEnabled: 'true', NLBDeletionProtection: 'Yes' },
    );
    const refusal = uninstallPlan(guarded, [app, protectedDatabase, older], resources).refusal ?? '';
    assert.match(refusal, /the postgres resource db \(stack prod-db\) has DeletionProtection=true/);
    assert.match(refusal, /convox rack resources update db DeletionProtection=false/);
    assert.match(refusal, /the mysql resource cache \(stack prod-cache\)/);
    assert.match(refusal, /NLBDeletionProtection=Yes/);
    assert.match(refusal, /DynamoDbTableDeletionProtectionEnabled=true/);
    assert.equal(
      uninstallPlan(rack, [app, { ...app, parameters: { DeletionProtection: 'true' } }], resources).refusal,
      undefined,
      'an app stack is no database',
    );
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

  it('deletes the rack once, last, leaving out stacks already deleted', () => {
    const selfTagged = stack('prod', { System: 'convox', Type: 'rack', Rack: 'prod' });
    const gone = { ...stack('prod-old', { Type: 'app', Rack: 'prod' }), status: 'DELETE_COMPLETE' };
    assert.deepEqual(
      uninstallPlan(selfTagged, [selfTagged, gone, app], resources).stacks.map((entry) => entry.name),
      ['prod-web', 'prod'],
    );
  });

  it('names what stays by its logical id where no resource was read', () => {
    const resource = stack('prod-cache', { Type: 'resource', Rack: 'prod' });
    const unread = new Map<string, PlanResource[]>([
      ['prod', [{ logicalId: 'EncryptionKey', type: 'Custom::KMSKey' }]],
      ['prod-cache', [{ logicalId: 'Cluster', type: 'AWS::RDS::DBCluster' }]],
    ]);
    assert.deepEqual(
      uninstallPlan(rack, [stack('prod-api', { Type: 'app', Rack: 'prod' }), resource], unread).retained,
      [
        'S3 bucket Settings of prod (rack Settings, retained)',
        'S3 bucket Logs of prod (rack Logs, retained)',
        'S3 bucket ELBLogs of prod (rack ELBLogs, retained)',
        'S3 bucket Settings of prod-api (settings of app prod-api, retained)',
        "KMS key EncryptionKey of prod (EncryptionKey, made by the rack's function; scheduled for deletion, recoverable for 7 days)",
        'final snapshot of RDS database Cluster of prod-cache (resource prod-cache, kept until you delete it)',
      ],
    );
  });

  it('keeps a final snapshot of resource stacks’ databases only', () => {
    const withDatabase = new Map(resources);
    withDatabase.set('prod-web', [{ logicalId: 'Database', physicalId: 'web-db', type: 'AWS::RDS::DBInstance' }]);
    assert.deepEqual(
      uninstallPlan(rack, [app], withDatabase).retained.filter((line) => line.startsWith('final snapshot')),
      [],
    );
  });

  it('is refused with every reason, each said once, in one sentence', () => {
    const guarded = stack(
      'prod',
      { System: 'convox', Type: 'rack' },
      { NLBDeletionProtection: 'Yes', NLBInternalDeletionProtection: 'Yes' },
    );
    const unnamed = stack('prod-db2', { Type: 'resource', Rack: 'prod' }, { DeletionProtection: 'true' });
    assert.equal(
      uninstallPlan(guarded, [unnamed], resources).refusal,
      'prod has NLBDeletionProtection and NLBInternalDeletionProtection=Yes: its network load balancer cannot be deleted. Set NLBDeletionProtection and NLBInternalDeletionProtection to No (convox rack params set) first; and ' +
        'the database resource prod-db2 (stack prod-db2) has DeletionProtection=true, so its stack cannot be deleted: turn it off first (convox rack resources update prod-db2 DeletionProtection=false).',
    );
  });

  it('finds no autoscaler rule in a rack without one', () => {
    assert.equal(autoscalerRule([]), undefined);
  });
});
