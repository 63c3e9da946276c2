import * as assert from 'node:assert/strict';
import { consoleUrl, type ConsoleResource } from '../../../src/model/architecture/console';

const base = 'https://eu-west-1.console.aws.amazon.com';

describe('architecture: AWS console links', () => {
  const table: Array<[ConsoleResource, string]> = [
    [{ kind: 'instance', id: 'i-0abc' }, `${base}/ec2/home?region=eu-west-1#InstanceDetails:instanceId=i-0abc`],
    [{ kind: 'vpc', id: 'vpc-1' }, `${base}/vpcconsole/home?region=eu-west-1#VpcDetails:VpcId=vpc-1`],
    [{ kind: 'subnet', id: 'subnet-1' }, `${base}/vpcconsole/home?region=eu-west-1#SubnetDetails:subnetId=subnet-1`],
    [
      { kind: 'natGateway', id: 'nat-1' },
      `${base}/vpcconsole/home?region=eu-west-1#NatGatewayDetails:natGatewayId=nat-1`,
    ],
    [
      { kind: 'loadBalancer', arn: 'arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/production/abc' },
      `${base}/ec2/home?region=eu-west-1#LoadBalancer:loadBalancerArn=arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/production/abc`,
    ],
    [
      { kind: 'cluster', name: 'production-Cluster-1' },
      `${base}/ecs/v2/clusters/production-Cluster-1/services?region=eu-west-1`,
    ],
    [
      { kind: 'ecsService', cluster: 'c', name: 'production-ServiceWebApi-1' },
      `${base}/ecs/v2/clusters/c/services/production-ServiceWebApi-1/health?region=eu-west-1`,
    ],
    [
      { kind: 'task', cluster: 'c', taskId: '0f1e' },
      `${base}/ecs/v2/clusters/c/tasks/0f1e/configuration?region=eu-west-1`,
    ],
    [{ kind: 'bucket', name: 'production-settings-1' }, `${base}/s3/buckets/production-settings-1?region=eu-west-1`],
    [
      { kind: 'table', name: 'production-builds' },
      `${base}/dynamodbv2/home?region=eu-west-1#table?name=production-builds`,
    ],
    [{ kind: 'fileSystem', id: 'fs-1' }, `${base}/efs/home?region=eu-west-1#/file-systems/fs-1`],
    [
      { kind: 'function', name: 'production-CustomTopic-1' },
      `${base}/lambda/home?region=eu-west-1#/functions/production-CustomTopic-1`,
    ],
    [
      { kind: 'logGroup', name: 'production-LogGroup-1' },
      `${base}/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/production-LogGroup-1`,
    ],
    [
      { kind: 'stack', stackId: 'arn:aws:cloudformation:eu-west-1:1:stack/production/0a' },
      `${base}/cloudformation/home?region=eu-west-1#/stacks/stackinfo?stackId=arn%3Aaws%3Acloudformation%3Aeu-west-1%3A1%3Astack%2Fproduction%2F0a`,
    ],
  ];
  for (const [resource, url] of table) {
    it(`links ${resource.kind} to its page in the rack's region`, () =>
      assert.equal(consoleUrl(resource, 'eu-west-1'), url));
  }

  it('double-encodes a log group name the way the CloudWatch console does', () => {
    assert.equal(
      consoleUrl({ kind: 'logGroup', name: '/convox/production' }, 'eu-west-1'),
      `${base}/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Fconvox$252Fproduction`,
    );
  });

  it('uses the China and GovCloud consoles for their regions', () => {
    assert.equal(
      consoleUrl({ kind: 'vpc', id: 'vpc-1' }, 'cn-north-1'),
      'https://console.amazonaws.cn/vpcconsole/home?region=cn-north-1#VpcDetails:VpcId=vpc-1',
    );
    assert.equal(
      consoleUrl({ kind: 'vpc', id: 'vpc-1' }, 'us-gov-west-1'),
      'https://console.amazonaws-us-gov.com/vpcconsole/home?region=us-gov-west-1#VpcDetails:VpcId=vpc-1',
    );
  });

  it('never lets a name or region change the host or break out of its part of the link', () => {
    assert.equal(
      consoleUrl({ kind: 'bucket', name: 'a/../b?x=1#y' }, 'evil.com/x'),
      'https://console.aws.amazon.com/s3/buckets/a%2F..%2Fb%3Fx%3D1%23y?region=evil.com%2Fx',
    );
    assert.equal(
      consoleUrl({ kind: 'instance', id: 'i-1#x' }, 'us-east-1'),
      'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#InstanceDetails:instanceId=i-1%23x',
    );
  });
});
