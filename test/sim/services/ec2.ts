import { ApiError } from '../errors';
import type { QueryInput } from '../protocols/query';
import type { XmlObject } from '../protocols/xml';
import type { Ec2Instance, Ec2Subnet, Ec2Vpc, InstanceStateName } from '../types';
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
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/** The values of one of an item's fields that a filter value may match. */
type FilterField<T> = (item: T) => (string | undefined)[];

interface Tagged {
  tags: Record<string, string>;
}

function tagFields<T extends Tagged>(): Record<string, FilterField<T>> {
  return {
    'tag-key': (item) => Object.keys(item.tags),
    'tag-value': (item) => Object.values(item.tags),
  };
}

const instanceFields: Record<string, FilterField<Ec2Instance>> = {
  ...tagFields<Ec2Instance>(),
  'instance-state-name': (instance) => [instance.state],
  'instance-id': (instance) => [instance.id],
  'instance-type': (instance) => [instance.type],
  'instance-lifecycle': (instance) => [instance.lifecycle],
  'availability-zone': (instance) => [instance.availabilityZone],
  'vpc-id': (instance) => [instance.vpcId],
  'subnet-id': (instance) => [instance.subnetId],
  'private-ip-address': (instance) => [instance.privateIp],
};

const subnetFields: Record<string, FilterField<Ec2Subnet>> = {
  ...tagFields<Ec2Subnet>(),
  'subnet-id': (subnet) => [subnet.id],
  'vpc-id': (subnet) => [subnet.vpcId],
  'availability-zone': (subnet) => [subnet.availabilityZone],
  'cidr-block': (subnet) => [subnet.cidr],
  'map-public-ip-on-launch': (subnet) => [String(subnet.mapPublicIpOnLaunch)],
};

const vpcFields: Record<string, FilterField<Ec2Vpc>> = {
  ...tagFields<Ec2Vpc>(),
  'vpc-id': (vpc) => [vpc.id],
  'cidr-block': (vpc) => [vpc.cidr],
};

function fieldFor<T extends Tagged>(fields: Record<string, FilterField<T>>, name: string): FilterField<T> {
  if (name.startsWith('tag:')) return (item) => [item.tags[name.slice(4)]];
  const field = fields[name];
  if (!field) throw invalidValue(`The filter '${name}' is invalid`);
  return field;
}

interface Filter<T> {
  field: FilterField<T>;
  patterns: RegExp[];
}

function readFilters<T extends Tagged>(input: QueryInput, fields: Record<string, FilterField<T>>): Filter<T>[] {
  return input.structs('Filter').map((filter) => {
    const name = filter.string('Name');
    if (name === undefined) throw invalidValue("The filter 'null' is invalid");
    return { field: fieldFor(fields, name), patterns: filter.strings('Value').map(wildcard) };
  });
}

function passes<T>(item: T, filter: Filter<T>): boolean {
  return filter
    .field(item)
    .some((value) => value !== undefined && filter.patterns.some((pattern) => pattern.test(value)));
}

/** EC2's MaxResults bounds, and its refusal to combine MaxResults with a list of ids. */
function pageSizeOf(input: QueryInput, ids: string[], idsParameter: string): number | undefined {
  const maxResults = input.integer('MaxResults');
  if (maxResults !== undefined && ids.length > 0) {
    throw new ApiError(
      'InvalidParameterCombination',
      `The parameter ${idsParameter} cannot be used with the parameter maxResults`,
    );
  }
  if (maxResults !== undefined && (maxResults < 5 || maxResults > 1000)) {
    throw invalidValue(
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`,
    );
  }
  return maxResults;
}

/** The items named by `ids` (all when none are named) that pass every filter, one page of them. */
function selected<T extends Tagged & { id: string }>(
  input: QueryInput,
  items: T[],
  ids: string[],
  fields: Record<string, FilterField<T>>,
  listing: string,
  pageSize: number | undefined,
): { items: T[]; nextToken?: string } {
  const filters = readFilters(input, fields);
  const chosen = items.filter(
    (item) => (ids.length === 0 || ids.includes(item.id)) && filters.every((filter) => passes(item, filter)),
  );
  return paginate(chosen, pageSize ?? chosen.length, input.string('NextToken'), listing, () =>
    invalidValue('Invalid value for NextToken'),
  );
}

/** Refuses the first id that is malformed or names nothing, with EC2's codes for that kind of id. */
function checkIds(ids: string[], known: { id: string }[], kind: { prefix: string; code: string; noun: string }): void {
  for (const id of ids) {
    if (!new RegExp(`^${kind.prefix}-[0-9a-f]{8,17}$`).test(id))
      throw new ApiError(`${kind.code}.Malformed`, `Invalid id: "${id}"`);
    if (!known.some((item) => item.id === id))
      throw new ApiError(`${kind.code}.NotFound`, `The ${kind.noun} ID '${id}' does not exist`);
  }
}

const tagSet = (tags: Record<string, string>): XmlObject[] =>
  Object.entries(tags).map(([key, value]) => ({ key, value }));

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
    instanceLifecycle: instance.lifecycle,
    spotInstanceRequestId: instance.lifecycle === 'spot' ? `sir-${instance.id.slice(-8)}` : undefined,
    tagSet: tagSet(instance.tags),
  };
}

function describeInstances({ account, region, data }: Context, input: QueryInput): XmlObject {
  const ids = input.strings('InstanceId');
  const pageSize = pageSizeOf(input, ids, 'instancesSet');
  checkIds(ids, data.instances, { prefix: 'i', code: 'InvalidInstanceID', noun: 'instance' });
  const page = selected(input, data.instances, ids, instanceFields, 'DescribeInstances', pageSize);
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

/** Addresses a subnet has left: all but the 5 AWS reserves and those its live instances hold. */
function availableAddresses(subnet: Ec2Subnet, instances: Ec2Instance[]): number {
  const prefix = Number(subnet.cidr.split('/')[1]);
  const used = instances.filter(
    (instance) => instance.subnetId === subnet.id && instance.state !== 'terminated',
  ).length;
  return 2 ** (32 - prefix) - 5 - used;
}

function describeSubnets({ account, region, data }: Context, input: QueryInput): XmlObject {
  const ids = input.strings('SubnetId');
  const pageSize = pageSizeOf(input, ids, 'subnetIds');
  checkIds(ids, data.subnets, { prefix: 'subnet', code: 'InvalidSubnetID', noun: 'subnet' });
  const page = selected(input, data.subnets, ids, subnetFields, 'DescribeSubnets', pageSize);
  return {
    subnetSet: page.items.map((subnet) => ({
      subnetId: subnet.id,
      subnetArn: `arn:aws:ec2:${region}:${account}:subnet/${subnet.id}`,
      state: 'available',
      vpcId: subnet.vpcId,
      ownerId: account,
      cidrBlock: subnet.cidr,
      ipv6CidrBlockAssociationSet: [],
      availableIpAddressCount: availableAddresses(subnet, data.instances),
      availabilityZone: subnet.availabilityZone,
      defaultForAz: false,
      mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
      mapCustomerOwnedIpOnLaunch: false,
      assignIpv6AddressOnCreation: false,
      tagSet: tagSet(subnet.tags),
    })),
    nextToken: page.nextToken,
  };
}

function describeVpcs({ account, data }: Context, input: QueryInput): XmlObject {
  const ids = input.strings('VpcId');
  const pageSize = pageSizeOf(input, ids, 'vpcIds');
  checkIds(ids, data.vpcs, { prefix: 'vpc', code: 'InvalidVpcID', noun: 'vpc' });
  const page = selected(input, data.vpcs, ids, vpcFields, 'DescribeVpcs', pageSize);
  return {
    vpcSet: page.items.map((vpc) => ({
      vpcId: vpc.id,
      ownerId: account,
      state: 'available',
      cidrBlock: vpc.cidr,
      cidrBlockAssociationSet: [
        {
          associationId: `vpc-cidr-assoc-0${vpc.id.slice(5)}`,
          cidrBlock: vpc.cidr,
          cidrBlockState: { state: 'associated' },
        },
      ],
      dhcpOptionsId: `dopt-0${vpc.id.slice(5)}`,
      instanceTenancy: 'default',
      isDefault: false,
      tagSet: tagSet(vpc.tags),
    })),
    nextToken: page.nextToken,
  };
}

export const ec2: QueryService = {
  wire: 'ec2Query',
  signingName: 'ec2',
  xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  operations: { DescribeInstances: describeInstances, DescribeSubnets: describeSubnets, DescribeVpcs: describeVpcs },
};
