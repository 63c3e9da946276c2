import * as assert from 'node:assert/strict';
import { lastSegment, loadBalancerName } from '../../../src/model/architecture/awsNames';

describe('architecture: AWS names', () => {
  it('takes a load balancer’s name from its ARN, for application, network and gateway balancers', () => {
    for (const kind of ['app', 'net', 'gwy'])
      assert.equal(
        loadBalancerName(`arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/${kind}/production/0a1b2c`),
        'production',
      );
  });

  it('keeps a value that is not a load balancer ARN as it is', () => {
    for (const value of [
      'production',
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/production',
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/production/0a1b2c/extra',
    ])
      assert.equal(loadBalancerName(value), value);
  });

  it('takes the part after the last slash', () => {
    assert.equal(lastSegment('arn:aws:ecs:us-east-1:123456789012:task/production-Cluster-C1/0abc'), '0abc');
    assert.equal(lastSegment('web'), 'web');
  });
});
