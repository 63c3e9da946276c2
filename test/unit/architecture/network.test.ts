import * as assert from 'node:assert/strict';
import type { ArchitectureData, Server } from '../../../src/model/architecture/data';
import { sceneOf } from '../../../src/model/architecture/scene';
import type { Scene, SceneComponent } from '../../../src/model/architecture/sceneTypes';
import { rackData, serverId, taskArn, type RackOptions } from './fixtures';

function component(scene: Scene, id: string): SceneComponent {
  const found = scene.components.find((candidate) => candidate.id === id);
  assert.ok(found, `${id} is in the scene`);
  return found;
}

function children(scene: Scene, parent: string): string[] {
  return scene.components.filter((found) => found.parent === parent).map((found) => found.id);
}

function zoneLabels(scene: Scene): string[] {
  return scene.components.filter((found) => found.kind === 'zone').map((found) => found.label);
}

/** A rack the way its data is while CloudFormation still creates it: no outputs, nothing read of its VPC. */
function unread(options: RackOptions): ArchitectureData {
  const data = rackData(options);
  return {
    ...data,
    rack: { ...data.rack, outputs: {} },
    resources: { ...data.resources, subnets: [], vpc: undefined },
  };
}

describe('architecture network: zones', () => {
  it('names each zone by its subnets’ zone, without the stack output', () => {
    const data = rackData({ privateNetwork: true });
    delete data.rack.outputs.AvailabilityZones;
    assert.deepEqual(zoneLabels(sceneOf(data)), ['us-east-1a', 'us-east-1b']);
    data.resources.subnets = data.resources.subnets.filter((subnet) => subnet.id.startsWith('subnet-private'));
    assert.deepEqual(zoneLabels(sceneOf(data)), ['us-east-1a', 'us-east-1b'], 'by the private subnet');
  });

  it('names a zone by the stack output while its subnets are not read, else by its number', () => {
    const data = rackData({ zones: 3, serversPerZone: 0 });
    data.resources.subnets = [];
    data.rack.outputs.AvailabilityZones = 'eu-west-1a, ,eu-west-1c';
    assert.deepEqual(zoneLabels(sceneOf(data)), ['eu-west-1a', '2', 'eu-west-1c']);
  });

  it('puts a server in the zone of its subnet, or else of its zone’s name', () => {
    const data = rackData({ zones: 2, serversPerZone: 0 });
    data.runtime.servers.push(
      { id: 'i-bysubnet', status: 'active', role: 'rack', subnetId: 'subnet-public1' },
      { id: 'i-byname', status: 'active', role: 'rack', availabilityZone: 'us-east-1b' },
    );
    const scene = sceneOf(data);
    assert.deepEqual(children(scene, 'zone/1'), ['resource/Subnet1', 'server/i-byname', 'server/i-bysubnet']);
    assert.deepEqual(children(scene, 'vpc'), ['zone/0', 'zone/1']);
  });

  it('puts the servers of one zone the stack does not have in one zone of their own', () => {
    const data = rackData({ serversPerZone: 0 });
    data.runtime.servers.push(
      { id: 'i-f1', status: 'active', role: 'rack', availabilityZone: 'us-east-1f' },
      { id: 'i-f2', status: 'active', role: 'rack', availabilityZone: 'us-east-1f' },
    );
    const scene = sceneOf(data);
    assert.deepEqual(children(scene, 'zone/us-east-1f'), ['server/i-f1', 'server/i-f2']);
    assert.equal(component(scene, 'zone/us-east-1f').accessibleName, 'zone us-east-1f, 2 servers: 2 running, 0 tasks');
  });

  it('stacks a zone’s servers by role, then id, whatever order AWS listed them in', () => {
    const data = rackData({ serversPerZone: 2, spotServers: 1 });
    data.runtime.servers.reverse();
    assert.deepEqual(children(sceneOf(data), 'zone/1'), [
      'resource/Subnet1',
      `server/${serverId(1, 0)}`,
      `server/${serverId(1, 1)}`,
      `server/${serverId(1, 0, 'spot')}`,
    ]);
  });
});

describe('architecture network: subnets, NAT gateways and servers', () => {
  it('leaves out the CIDR of a subnet whose CIDR is not known', () => {
    const data = rackData();
    data.resources.subnets = data.resources.subnets.map(({ id, availabilityZone }) => ({ id, availabilityZone }));
    const subnet = component(sceneOf(data), 'resource/Subnet0');
    assert.deepEqual(subnet.facts, []);
    assert.deepEqual(subnet.details.slice(-1), [{ label: 'Zone', value: 'us-east-1a' }]);
  });

  it('draws a NAT gateway without its address, or without its id, with what it has', () => {
    const data = rackData({ privateNetwork: true });
    data.resources.resources = data.resources.resources
      .filter((resource) => resource.logicalId !== 'NatAddress0')
      .map((resource) => (resource.logicalId === 'Nat1' ? { ...resource, physicalId: undefined } : resource));
    const scene = sceneOf(data);
    const nat = component(scene, 'resource/Nat0');
    assert.equal(nat.accessibleName, 'NAT gateway nat-00 running');
    assert.ok(!nat.details.some((row) => row.label === 'Elastic IP'));
    assert.match(nat.consoleUrl ?? '', /NatGatewayDetails:natGatewayId=nat-00$/);
    const unnamed = component(scene, 'resource/Nat1');
    assert.equal(unnamed.accessibleName, 'NAT gateway Nat1 running, IP 52.0.0.2');
    assert.equal(unnamed.consoleUrl, undefined);
  });

  it('lists only what is known of a server', () => {
    const data = rackData({ serversPerZone: 0 });
    const bare: Server = { id: 'i-bare', status: 'pending', role: 'rack' };
    const launched: Server = { ...bare, id: 'i-launched', launchedAt: new Date('2025-06-01T10:00:00Z') };
    data.runtime.servers.push(bare, launched);
    const scene = sceneOf(data);
    const server = component(scene, 'server/i-bare');
    assert.deepEqual(server.facts, ['0 tasks']);
    assert.deepEqual(server.details, [
      { label: 'Instance ID', value: 'i-bare' },
      { label: 'Role', value: 'server' },
      { label: 'Status', value: 'pending' },
      { label: 'ECS status', value: 'pending' },
      { label: 'Tasks', value: '0' },
    ]);
    assert.deepEqual(component(scene, 'server/i-launched').details.slice(-1), [
      { label: 'Launched', value: '2025-06-01T10:00:00.000Z' },
    ]);
  });
});

describe('architecture network: the VPC', () => {
  it('names the VPC by its resource while nothing else names it, and leaves out what is not known', () => {
    const scene = sceneOf(unread({ only: ['Vpc'], serversPerZone: 0 }));
    const vpc = component(scene, 'vpc');
    assert.equal(vpc.accessibleName, 'VPC vpc-0abc running, 0 zones');
    assert.deepEqual(
      vpc.details.map((row) => row.label),
      ['VPC ID', 'Logical ID', 'Physical ID', 'Type', 'CloudFormation status'],
    );
  });

  it('names the VPC by the stack output while its resource has no physical id yet', () => {
    const data = unread({ only: ['Vpc'], serversPerZone: 0 });
    data.rack.outputs.Vpc = 'vpc-fromoutput';
    data.resources.resources[0].physicalId = undefined;
    assert.equal(component(sceneOf(data), 'vpc').label, 'vpc-fromoutput');
  });

  it('names the VPC by what was read of it when the stack names none', () => {
    const data = unread({ existingVpc: 'vpc-parameter', only: [], serversPerZone: 0 });
    data.rack.parameters.ExistingVpc = '';
    data.resources.vpc = { id: 'vpc-read' };
    assert.equal(component(sceneOf(data), 'vpc').accessibleName, 'VPC vpc-read running, 0 zones');
  });

  it('draws an existing VPC the rack was installed into even before it has zones', () => {
    const scene = sceneOf(unread({ existingVpc: 'vpc-existing', only: [], serversPerZone: 0 }));
    const vpc = component(scene, 'vpc');
    assert.equal(vpc.accessibleName, 'VPC vpc-existing running, 0 zones');
    assert.deepEqual(vpc.details, [
      { label: 'VPC ID', value: 'vpc-existing' },
      { label: 'Made by', value: 'not this rack: installed into an existing VPC' },
    ]);
  });

  it('draws the zones in a VPC nothing names yet, without a name, id or console page', () => {
    const data = unread({ existingVpc: 'vpc-existing', only: ['Subnet0'], serversPerZone: 0 });
    data.rack.parameters.ExistingVpc = '';
    const scene = sceneOf(data);
    const vpc = component(scene, 'vpc');
    assert.deepEqual([vpc.label, vpc.awsId, vpc.consoleUrl, vpc.facts], ['', undefined, undefined, ['1 zone']]);
    assert.deepEqual(children(scene, 'vpc'), ['zone/0']);
  });

  it('draws nothing of a network the rack does not have yet', () => {
    const data = unread({ existingVpc: 'vpc-existing', only: ['ApiBalancer', 'Settings'], serversPerZone: 0 });
    data.rack.parameters.ExistingVpc = '';
    const scene = sceneOf(data);
    assert.ok(!scene.components.some((found) => ['vpc', 'zone'].includes(found.kind)));
    assert.deepEqual(
      scene.edges.map((edge) => edge.id),
      ['internet->resource/ApiBalancer', 'client->resource/ApiBalancer'],
    );
  });
});

describe('architecture network: containers', () => {
  it('links a server’s tasks to the cluster by its resource’s name, else by the stack output', () => {
    const arn = taskArn('production-Cluster-C1', `${serverId(0, 0)}t0`);
    const data = rackData();
    delete data.rack.outputs.Cluster;
    assert.match(component(sceneOf(data), `task/${arn}`).consoleUrl ?? '', /clusters\/production-Cluster-C1\/tasks\//);
    data.rack.outputs.Cluster = 'production-Cluster-out';
    data.resources.resources = data.resources.resources.filter((resource) => resource.logicalId !== 'Cluster');
    assert.match(component(sceneOf(data), `task/${arn}`).consoleUrl ?? '', /clusters\/production-Cluster-out\/tasks\//);
  });

  it('gives tasks no console page while no cluster is known', () => {
    const data = rackData({ build: false });
    delete data.rack.outputs.Cluster;
    data.resources.resources = data.resources.resources.filter((resource) => resource.logicalId !== 'Cluster');
    const task = component(sceneOf(data), `task/${taskArn('production-Cluster-C1', `${serverId(0, 0)}t0`)}`);
    assert.equal(task.consoleUrl, undefined);
  });
});
