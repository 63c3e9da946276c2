/** A resource the AWS console has a page for, by the id or name that page is addressed by. */
export type ConsoleResource =
  | { kind: 'instance'; id: string }
  | { kind: 'vpc'; id: string }
  | { kind: 'subnet'; id: string }
  | { kind: 'natGateway'; id: string }
  | { kind: 'loadBalancer'; arn: string }
  | { kind: 'classicLoadBalancer'; name: string }
  | { kind: 'cluster'; name: string }
  | { kind: 'ecsService'; cluster: string; name: string }
  | { kind: 'task'; cluster: string; taskId: string }
  | { kind: 'bucket'; name: string }
  | { kind: 'table'; name: string }
  | { kind: 'fileSystem'; id: string }
  | { kind: 'function'; name: string }
  | { kind: 'logGroup'; name: string }
  | { kind: 'stack'; stackId: string };

/** The console of the region's partition: China and GovCloud have consoles of their own, without region hosts. */
function consoleOrigin(region: string): string {
  if (region.startsWith('cn-')) return 'https://console.amazonaws.cn';
  if (region.startsWith('us-gov-')) return 'https://console.amazonaws-us-gov.com';
  // A region that could not be a host name part must not choose the host.
  return /^[a-z0-9-]+$/.test(region) ? `https://${region}.console.aws.amazon.com` : 'https://console.aws.amazon.com';
}

/** Encoded for a path segment or fragment value, keeping the `:` and `/` of ARNs readable as the console writes them. */
function part(value: string): string {
  return encodeURIComponent(value).replace(/%3A/g, ':').replace(/%2F/g, '/');
}

function segment(value: string): string {
  return encodeURIComponent(value);
}

/** The CloudWatch console double-encodes a log group name in its fragment, with `$` for `%`. */
function logGroupFragment(name: string): string {
  return encodeURIComponent(encodeURIComponent(name)).replace(/%/g, '$');
}

function path(resource: ConsoleResource, region: string): string {
  const query = `?region=${segment(region)}`;
  switch (resource.kind) {
    case 'instance':
      return `/ec2/home${query}#InstanceDetails:instanceId=${part(resource.id)}`;
    case 'vpc':
      return `/vpcconsole/home${query}#VpcDetails:VpcId=${part(resource.id)}`;
    case 'subnet':
      return `/vpcconsole/home${query}#SubnetDetails:subnetId=${part(resource.id)}`;
    case 'natGateway':
      return `/vpcconsole/home${query}#NatGatewayDetails:natGatewayId=${part(resource.id)}`;
    case 'loadBalancer':
      return `/ec2/home${query}#LoadBalancer:loadBalancerArn=${part(resource.arn)}`;
    case 'classicLoadBalancer':
      return `/ec2/home${query}#LoadBalancers:search=${part(resource.name)}`;
    case 'cluster':
      return `/ecs/v2/clusters/${segment(resource.name)}/services${query}`;
    case 'ecsService':
      return `/ecs/v2/clusters/${segment(resource.cluster)}/services/${segment(resource.name)}/health${query}`;
    case 'task':
      return `/ecs/v2/clusters/${segment(resource.cluster)}/tasks/${segment(resource.taskId)}/configuration${query}`;
    case 'bucket':
      return `/s3/buckets/${segment(resource.name)}${query}`;
    case 'table':
      return `/dynamodbv2/home${query}#table?name=${segment(resource.name)}`;
    case 'fileSystem':
      return `/efs/home${query}#/file-systems/${segment(resource.id)}`;
    case 'function':
      return `/lambda/home${query}#/functions/${segment(resource.name)}`;
    case 'logGroup':
      return `/cloudwatch/home${query}#logsV2:log-groups/log-group/${logGroupFragment(resource.name)}`;
    case 'stack':
      return `/cloudformation/home${query}#/stacks/stackinfo?stackId=${segment(resource.stackId)}`;
  }
}

/** The AWS console page of a resource in a region, e.g. an instance's `…/ec2/home?region=…#InstanceDetails:instanceId=…`. */
export function consoleUrl(resource: ConsoleResource, region: string): string {
  return consoleOrigin(region) + path(resource, region);
}
