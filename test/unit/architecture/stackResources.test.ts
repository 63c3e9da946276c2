import * as assert from 'node:assert/strict';
import type { StackResource } from '../../../src/model/architecture/data';
import { resourceName, sceneContext } from '../../../src/model/architecture/sceneContext';
import { resourceDetails, resourceParts } from '../../../src/model/architecture/stackResources';
import { rackData } from './fixtures';

const bucket: StackResource = {
  logicalId: 'Settings',
  physicalId: 'production-settings-s1',
  type: 'AWS::S3::Bucket',
  status: 'CREATE_FAILED',
  statusReason: 'Bucket name already taken',
};

describe('architecture: stack resources', () => {
  it('lists a resource’s ids, type, status and reason in its details', () => {
    assert.deepEqual(resourceDetails(bucket), [
      { label: 'Logical ID', value: 'Settings' },
      { label: 'Physical ID', value: 'production-settings-s1' },
      { label: 'Type', value: 'AWS::S3::Bucket' },
      { label: 'CloudFormation status', value: 'CREATE_FAILED' },
      { label: 'Reason', value: 'Bucket name already taken' },
    ]);
  });

  it('leaves out the physical id and reason a resource does not have yet', () => {
    const creating: StackResource = { logicalId: 'Settings', type: 'AWS::S3::Bucket', status: 'CREATE_IN_PROGRESS' };
    assert.deepEqual(resourceDetails(creating), [
      { label: 'Logical ID', value: 'Settings' },
      { label: 'Type', value: 'AWS::S3::Bucket' },
      { label: 'CloudFormation status', value: 'CREATE_IN_PROGRESS' },
    ]);
    assert.deepEqual(resourceDetails({ ...creating, statusReason: '' }), resourceDetails(creating));
    assert.ok(!('awsId' in resourceParts(creating)));
    assert.equal(resourceParts(bucket).awsId, 'production-settings-s1');
  });

  it('names a resource by its physical id before the stack output of that name', () => {
    const data = rackData();
    data.rack.outputs.Cluster = 'from-the-output';
    assert.equal(resourceName(sceneContext(data), 'Cluster', 'Cluster'), 'production-Cluster-C1');
    const without = rackData({ only: ['Vpc'] });
    without.rack.outputs.Cluster = 'from-the-output';
    assert.equal(resourceName(sceneContext(without), 'Cluster', 'Cluster'), 'from-the-output');
  });
});
