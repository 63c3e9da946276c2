import { ApiError } from '../errors';
import type { QueryInput } from '../protocols/query';
import type { XmlObject } from '../protocols/xml';
import type { Ec2Instance, InstanceStateName } from '../types';
import { paginate } from './paging';
import type { Context, QueryService } from './service';

const stateCodes: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

const invalidValue = (message: string): ApiError => new ApiError('InvalidParameterValue', message);

/** EC2 filter values accept `*` and `?` wildcards. */
function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

type FilterField = (instance: Ec2Instance) => (string | undefined)[];

const filterFields: Record<string, FilterField> = {
  'tag-key': (instance) => Object.keys(instance.tags),
  'tag-value': (instance) => Object.values(instance.tags),
  'instance-state-name': (instance) => [instance.state],
  'instance-id': (instance) => [instance.id],
  'instance-type': (instance) => [instance.type],
  'availability-zone': (instance) => [instance.availabilityZone],
  'vpc-id': (instance) => [instance.vpcId],
  'subnet-id': (instance) => [instance.subnetId],
  'private-ip-address': (instance) => [instance.privateIp],
};

function fieldFor(name: string): FilterField {
  if (name.startsWith('tag:')) return (instance) => [instance.tags[name.slice(4)]];
  const field = filterFields[name];
  if (!field) throw invalidValue(`The filter '${name}' is invalid`);
  return field;
}

interface Filter {
  field: FilterField;
  patterns: RegExp[];
}

function readFilters(input: QueryInput): Filter[] {
  return input.structs('Filter').map((filter) => {
    const name = filter.string('Name');
    if (name === undefined) throw invalidValue("The filter 'null' is invalid");
    return { field: fieldFor(name), patterns: filter.strings('Value').map(wildcard) };
  });
}

function passes(instance: Ec2Instance, filter: Filter): boolean {
  return filter
    .field(instance)
    .some((value) => value !== undefined && filter.patterns.some((pattern) => pattern.test(value)));
}

function instanceXml(instance: Ec2Instance, region: string): XmlObject {
  const domain = region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
  return {
    instanceId: instance.id,
    imageId: instance.imageId,
    instanceState: { code: stateCodes[instance.state], name: instance.state },
    privateDnsName: `ip-${instance.privateIp.replace(/\./g, '-')}.${domain}`,
    dnsName: instance.publicIp ? `ec2-${instance.publicIp.replace(/\./g, '-')}.compute-1.amazonaws.com` : '',
    amiLaunchIndex: 0,
    instanceType: instance.type,
    launchTime: instance.launchTime,
    placement: { availabilityZone: instance.availabilityZone, groupName: '', tenancy: 'default' },
    monitoring: { state: 'disabled' },
    subnetId: instance.subnetId,
    vpcId: instance.vpcId,
    privateIpAddress: instance.privateIp,
    ipAddress: instance.publicIp,
    architecture: 'x86_64',
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    virtualizationType: 'hvm',
    hypervisor: 'xen',
    tagSet: Object.entries(instance.tags).map(([key, value]) => ({ key, value })),
  };
}

function describeInstances({ account, region, data }: Context, input: QueryInput): XmlObject {
  const ids = input.strings('InstanceId');
  const maxResults = input.integer('MaxResults');
  if (maxResults !== undefined && ids.length > 0) {
    throw new ApiError('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  }
  if (maxResults !== undefined && (maxResults < 5 || maxResults > 1000)) {
    throw invalidValue(`Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`);
  }
  for (const id of ids) {
    if (!/^i-[0-9a-f]{8,17}$/.test(id)) throw new ApiError('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
    if (!data.instances.some((instance) => instance.id === id)) {
      throw new ApiError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
    }
  }
  const filters = readFilters(input);
  const selected = data.instances.filter(
    (instance) =>
      (ids.length === 0 || ids.includes(instance.id)) &&
      filters.every((filter) => passes(instance, filter)),
  );
  const page = paginate(selected, maxResults ?? selected.length, input.string('NextToken'), 'DescribeInstances', () =>
    invalidValue('Invalid value for NextToken'),
  );
  // One reservation per instance: auto-scaling groups launch them one at a time.
  return {
    reservationSet: page.items.map((instance) => ({
      reservationId: `r-${instance.id.slice(2)}`,
      ownerId: account,
      groupSet: [],
      instancesSet: [instanceXml(instance, region)],
    })),
    nextToken: page.nextToken,
  };
}

export const ec2: QueryService = {
  wire: 'ec2Query',
  signingName: 'ec2',
  xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  operations: { DescribeInstances: describeInstances },
};
