import * as assert from 'node:assert/strict';
import { accessibleName } from '../../../src/model/architecture/accessibleName';
import type { ArchitectureData } from '../../../src/model/architecture/data';
import { sceneOf } from '../../../src/model/architecture/scene';
import type { Scene, SceneComponent } from '../../../src/model/architecture/sceneTypes';
import type { RackStatus } from '../../../src/model/rack';
import { rackData, serverId, taskArn, type RackOptions } from './fixtures';

function byId(scene: Scene): Map<string, SceneComponent> {
  return new Map(scene.components.map((component) => [component.id, component]));
}

function component(scene: Scene, id: string): SceneComponent {
  const found = byId(scene).get(id);
  assert.ok(found, `${id} is in the scene`);
  return found;
}

function ids(scene: Scene, filter: (component: SceneComponent) => boolean = () => true): string[] {
  return scene.components.filter(filter).map((found) => found.id);
}

function topLevel(scene: Scene): string[] {
  return ids(scene, (found) => found.parent === undefined);
}

function edges(scene: Scene): string[] {
  return scene.edges.map((edge) => edge.id);
}

/** The edges from the internet and you to the balancers. */
function callerEdges(scene: Scene): string[] {
  return edges(scene).filter((id) => /^(internet|client)->/.test(id));
}

/** The edges a request takes on from the balancers. */
function pathEdges(scene: Scene): string[] {
  return edges(scene).filter((id) => !/^(internet|client)->/.test(id));
}

function assertAbsent(scene: Scene, absent: readonly string[]): void {
  const present = byId(scene);
  for (const id of absent) assert.ok(!present.has(id), `${id} is not in the scene`);
}

const sideIds = [
  'stack',
  'resource/Cluster',
  'resource/BuildCluster',
  'resource/LogGroup',
  'resource/Settings',
  'resource/Logs',
  'resource/ELBLogs',
  'resource/DynamoBuilds',
  'resource/DynamoReleases',
  'resource/VolumeFilesystem',
  'resource/InstancesLifecycleHandler',
  'resource/InstancesAutoscaler',
  'resource/CustomTopic',
];

/** Every fixture the other tests use, for the checks that hold of any scene. */
const fixtures: Record<string, RackOptions> = {
  public: {},
  private: { privateNetwork: true, privateApi: true },
  routers: { internalRouter: true, nlb: true, nlbInternal: true },
  servers: { zones: 3, spot: true, spotServers: 2, buildServers: 1 },
  creating: {
    stackStatus: 'CREATE_IN_PROGRESS',
    resourceStatus: 'CREATE_IN_PROGRESS',
    only: ['Vpc', 'Subnet0', 'Subnet1', 'Cluster', 'Settings'],
    serversPerZone: 0,
  },
  rollback: {
    stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS',
    reason: 'The following resource(s) failed to update: [Instances].',
  },
  classic: { classicApi: 'ELB' },
  classicPrivate: { classicApi: 'ELB', privateNetwork: true, privateApi: true },
  classicRouter: { classicApi: 'ALB' },
};

describe('architecture scene: a public rack in two zones', () => {
  // Built in each test, so that a mutant of the code under test is live while it is built.
  let scene: Scene;
  beforeEach(() => {
    scene = sceneOf(rackData());
  });

  it('has the callers, the API and router balancers, the VPC and the rack services beside it, and nothing else at the top', () => {
    assert.deepEqual(topLevel(scene), [
      'client',
      'internet',
      'resource/ApiBalancer',
      'resource/Router',
      'vpc',
      ...sideIds,
    ]);
  });

  it('has a zone per public subnet, each with its subnet and its server, and no private subnet, NAT or third zone', () => {
    assert.deepEqual(
      ids(scene, (found) => found.parent === 'vpc'),
      ['zone/0', 'zone/1'],
    );
    assert.deepEqual(
      ids(scene, (found) => found.parent === 'zone/0'),
      ['resource/Subnet0', 'server/i-a000'],
    );
    assert.deepEqual(
      ids(scene, (found) => found.parent === 'zone/1'),
      ['resource/Subnet1', 'server/i-b000'],
    );
    assertAbsent(scene, [
      'zone/2',
      'resource/Subnet2',
      'resource/SubnetPrivate0',
      'resource/Nat0',
      'resource/RouterInternal',
      'resource/NLBRouter',
      'resource/NLBRouterInternal',
    ]);
  });

  it('draws none of the stack parts that are not components: gateway, auto-scaling group, DNS, secret, roles', () => {
    assertAbsent(scene, [
      'resource/Gateway',
      'resource/Instances',
      'resource/HostedZone',
      'resource/RackApiSecret',
      'resource/ApiRole',
    ]);
  });

  it('joins the internet to the public balancers and you to the API', () => {
    assert.deepEqual(callerEdges(scene), [
      'internet->resource/ApiBalancer',
      'client->resource/ApiBalancer',
      'internet->resource/Router',
    ]);
  });

  it('takes the API’s requests to the rack’s web process, and the router’s to the apps’ processes, zone by zone', () => {
    assert.deepEqual(pathEdges(scene), [
      'resource/ApiBalancer->zone/0',
      'resource/Router->zone/0',
      'resource/Router->zone/1',
      'zone/0->server/i-a000/group/production/web',
      'zone/0->server/i-a000/group/shop/web',
      'zone/0->server/i-a000/group/shop/worker',
      'zone/1->server/i-b000/group/shop/web',
      'zone/1->server/i-b000/group/shop/worker',
    ]);
  });

  it('points a balancer with no process to reach yet at the VPC', () => {
    assert.deepEqual(pathEdges(sceneOf(rackData({ serversPerZone: 0 }))), [
      'resource/ApiBalancer->vpc',
      'resource/Router->vpc',
    ]);
  });

  it('puts each container in a group of its app and service, inside its server', () => {
    const web = component(scene, `task/${taskArn('production-Cluster-C1', 'i-a000t0')}`);
    assert.equal(web.parent, 'server/i-a000/group/shop/web');
    assert.equal(component(scene, 'server/i-a000/group/shop/web').parent, 'server/i-a000');
    assert.deepEqual(
      ids(scene, (found) => found.parent === 'server/i-a000'),
      [
        'server/i-a000/group/production/monitor',
        'server/i-a000/group/production/web',
        'server/i-a000/group/shop/web',
        'server/i-a000/group/shop/worker',
      ],
    );
  });

  it('names every component for a screen reader with its kind, id, status and facts', () => {
    const names = (wanted: string[]): string[] => wanted.map((id) => component(scene, id).accessibleName);
    assert.deepEqual(
      names([
        'resource/ApiBalancer',
        'resource/Router',
        'vpc',
        'zone/0',
        'resource/Subnet0',
        'server/i-a000',
        'server/i-a000/group/shop/web',
        `task/${taskArn('production-Cluster-C1', 'i-a000t0')}`,
        'stack',
        'resource/Cluster',
        'resource/ServiceWebApi',
        'resource/Settings',
        'resource/DynamoBuilds',
        'resource/VolumeFilesystem',
        'resource/InstancesAutoscaler',
        'resource/LogGroup',
      ]),
      [
        'API load balancer production (public) running, host production.us-east-1.elb.amazonaws.com',
        'router load balancer production-router (public) running, host production-router.us-east-1.elb.amazonaws.com',
        'VPC vpc-0abc running, 10.0.0.0/16, 2 zones',
        'zone us-east-1a, 1 server: 1 running, 4 tasks',
        'public subnet subnet-public0 running, 10.0.1.0/24',
        'server i-a000 running, 4 tasks, us-east-1a, t3.small, CPU 25%, memory 50%',
        'service shop web, 1 task: 1 running',
        'task i-a000t0 running, app shop, service web',
        'CloudFormation stack production running, UPDATE_COMPLETE, version 20250101120000',
        'ECS cluster production-Cluster-C1 running, 2 servers, 6 tasks',
        'rack service web, ID production-ServiceWebApi-W1, running, 1 task',
        'S3 bucket production-settings-s1 running, settings',
        'DynamoDB table production-builds running, builds',
        'EFS volume fs-0abc running, shared volumes',
        'Lambda function production-InstancesAutoscaler-A1 running, scales servers',
        'log group production-LogGroup-G1 running, rack logs',
      ],
    );
  });

  it('gives each component its AWS id, status style and console page', () => {
    const server = component(scene, 'server/i-a000');
    assert.equal(server.awsId, 'i-a000');
    assert.deepEqual(server.status, {
      state: 'running',
      text: 'running',
      icon: 'pass-filled',
      color: 'testing.iconPassed',
      severity: 0,
    });
    assert.equal(
      server.consoleUrl,
      'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#InstanceDetails:instanceId=i-a000',
    );
    const bucket = component(scene, 'resource/Settings');
    assert.equal(bucket.awsId, 'production-settings-s1');
    assert.equal(bucket.logicalId, 'Settings');
    assert.equal(
      bucket.consoleUrl,
      'https://us-east-1.console.aws.amazon.com/s3/buckets/production-settings-s1?region=us-east-1',
    );
    assert.equal(
      component(scene, 'resource/ServiceWebApi').consoleUrl,
      'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/production-Cluster-C1/services/production-ServiceWebApi-W1/health?region=us-east-1',
    );
  });

  it('lists ids, status and counts in the details pane', () => {
    assert.deepEqual(component(scene, 'server/i-a000').details, [
      { label: 'Instance ID', value: 'i-a000' },
      { label: 'Role', value: 'server' },
      { label: 'Status', value: 'running' },
      { label: 'ECS status', value: 'active' },
      { label: 'Tasks', value: '4' },
      { label: 'Zone', value: 'us-east-1a' },
      { label: 'Instance type', value: 't3.small' },
      { label: 'CPU in use', value: '25%' },
      { label: 'Memory in use', value: '50%' },
      { label: 'Subnet', value: 'subnet-public0' },
    ]);
    assert.deepEqual(component(scene, 'resource/DynamoReleases').details, [
      { label: 'Logical ID', value: 'DynamoReleases' },
      { label: 'Physical ID', value: 'production-releases' },
      { label: 'Type', value: 'AWS::DynamoDB::Table' },
      { label: 'CloudFormation status', value: 'CREATE_COMPLETE' },
      { label: 'Used for', value: 'releases' },
    ]);
  });

  it('has no banner while the rack is running', () => {
    assert.equal(scene.banner, undefined);
  });
});

describe('architecture scene: a private rack with an internal API', () => {
  let scene: Scene;
  beforeEach(() => {
    scene = sceneOf(rackData(fixtures.private));
  });

  it('puts a NAT gateway in each public subnet and a private subnet in each zone', () => {
    assert.deepEqual(
      ids(scene, (found) => found.parent === 'zone/0'),
      ['resource/Subnet0', 'resource/SubnetPrivate0', 'server/i-a000'],
    );
    assert.equal(component(scene, 'resource/Nat0').parent, 'resource/Subnet0');
    assert.equal(component(scene, 'resource/Nat1').parent, 'resource/Subnet1');
    assert.equal(component(scene, 'resource/Nat0').accessibleName, 'NAT gateway nat-00 running, IP 52.0.0.1');
    assert.equal(
      component(scene, 'resource/SubnetPrivate1').accessibleName,
      'private subnet subnet-private1 running, 10.0.5.0/24',
    );
    assert.equal(component(scene, 'resource/SubnetPrivate1').variant, 'private');
  });

  it('finds each server’s zone by its private subnet', () => {
    assert.equal(component(scene, 'server/i-b000').parent, 'zone/1');
  });

  it('draws the API balancer internal, reached by you and not from the internet', () => {
    const api = component(scene, 'resource/ApiBalancer');
    assert.equal(api.variant, 'internal');
    assert.equal(
      api.accessibleName,
      'API load balancer production-i (internal) running, host internal-production-i.us-east-1.elb.amazonaws.com',
    );
    assert.deepEqual(callerEdges(scene), ['client->resource/ApiBalancer', 'internet->resource/Router']);
    assert.ok(pathEdges(scene).includes('resource/ApiBalancer->zone/0'));
  });
});

describe('architecture scene: internal router and network load balancers', () => {
  let scene: Scene;
  beforeEach(() => {
    scene = sceneOf(rackData(fixtures.routers));
  });

  it('draws every router the stack has, public or internal, with its host', () => {
    assert.deepEqual(
      ids(scene, (found) => found.kind === 'loadBalancer'),
      [
        'resource/ApiBalancer',
        'resource/Router',
        'resource/RouterInternal',
        'resource/NLBRouter',
        'resource/NLBRouterInternal',
      ],
    );
    assert.equal(
      component(scene, 'resource/RouterInternal').accessibleName,
      'router load balancer production-ri (internal) running, host internal-production-ri.us-east-1.elb.amazonaws.com',
    );
    assert.equal(
      component(scene, 'resource/NLBRouter').accessibleName,
      'network load balancer production-nlb (public) running, host production-nlb.elb.us-east-1.amazonaws.com',
    );
    assert.equal(
      component(scene, 'resource/NLBRouterInternal').accessibleName,
      'network load balancer production-nlbi (internal) running, host production-nlbi.elb.us-east-1.amazonaws.com',
    );
  });

  it('joins the internet to the public ones only', () => {
    assert.deepEqual(
      edges(scene).filter((id) => id.startsWith('internet->')),
      ['internet->resource/ApiBalancer', 'internet->resource/Router', 'internet->resource/NLBRouter'],
    );
    assert.deepEqual(
      pathEdges(scene).filter((id) => id.startsWith('resource/')),
      [
        'resource/ApiBalancer->zone/0',
        'resource/Router->zone/0',
        'resource/Router->zone/1',
        'resource/RouterInternal->zone/0',
        'resource/RouterInternal->zone/1',
        'resource/NLBRouter->zone/0',
        'resource/NLBRouter->zone/1',
        'resource/NLBRouterInternal->zone/0',
        'resource/NLBRouterInternal->zone/1',
      ],
      'every router reaches the apps, internal or not',
    );
  });

  it('leaves the internet out when nothing is public', () => {
    const internal = sceneOf(rackData({ privateApi: true, internalOnly: true, internalRouter: true }));
    assert.deepEqual(topLevel(internal).slice(0, 3), ['client', 'resource/ApiBalancer', 'resource/RouterInternal']);
    assertAbsent(internal, ['internet', 'resource/Router']);
    assert.deepEqual(callerEdges(internal), ['client->resource/ApiBalancer']);
  });
});

describe('architecture scene: racks before release 20221202', () => {
  it('draws the classic Balancer as the API entry, reached by you and the internet, addressed by its name', () => {
    const scene = sceneOf(rackData(fixtures.classic));
    assert.deepEqual(topLevel(scene), [
      'client',
      'internet',
      'resource/Balancer',
      'resource/Router',
      'vpc',
      ...sideIds,
    ]);
    const api = component(scene, 'resource/Balancer');
    assert.equal(api.variant, 'public');
    assert.equal(
      api.accessibleName,
      'API load balancer (classic) production (public) running, host production.us-east-1.elb.amazonaws.com',
    );
    assert.equal(
      api.consoleUrl,
      'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#LoadBalancers:search=production',
    );
    assert.deepEqual(callerEdges(scene), [
      'internet->resource/Balancer',
      'client->resource/Balancer',
      'internet->resource/Router',
    ]);
    assert.deepEqual(
      pathEdges(scene).filter((id) => id.startsWith('resource/Balancer->') || id.endsWith('/production/web')),
      ['resource/Balancer->zone/0', 'zone/0->server/i-a000/group/production/web'],
    );
    assertAbsent(scene, ['resource/ApiBalancer']);
  });

  it('draws the classic Balancer internal with PrivateApi=Yes: you reach it, the internet does not', () => {
    const scene = sceneOf(rackData(fixtures.classicPrivate));
    const api = component(scene, 'resource/Balancer');
    assert.equal(api.variant, 'internal');
    assert.deepEqual(
      edges(scene).filter((id) => id.includes('Balancer')),
      ['client->resource/Balancer', 'resource/Balancer->zone/0'],
    );
  });

  it('with ApiRouter=ALB joins you to Router, which says it is also the rack API', () => {
    const scene = sceneOf(rackData(fixtures.classicRouter));
    assertAbsent(scene, ['resource/Balancer', 'resource/ApiBalancer']);
    assert.deepEqual(callerEdges(scene), ['internet->resource/Router', 'client->resource/Router']);
    assert.ok(
      pathEdges(scene).includes('zone/0->server/i-a000/group/production/web'),
      'the router takes the API’s requests too',
    );
    assert.ok(pathEdges(scene).includes('zone/0->server/i-a000/group/shop/web'), 'and the apps’');
    const router = component(scene, 'resource/Router');
    assert.ok(router.facts.includes('also the rack API'), router.facts.join());
    assert.deepEqual(
      router.details.find((row) => row.label === 'Rack API'),
      { label: 'Rack API', value: 'rack.production-router.us-east-1.convox.site' },
    );
  });

  it('a current rack’s router is not the API, whatever the leftover ApiRouter parameter says', () => {
    const data = rackData();
    data.rack.parameters.ApiRouter = 'ALB';
    const scene = sceneOf(data);
    assert.ok(!edges(scene).includes('client->resource/Router'));
    assert.ok(edges(scene).includes('client->resource/ApiBalancer'));
  });

  it('shows ApiWebService and ApiMonitorService as the rack’s web and monitor services, with their tasks', () => {
    for (const options of [fixtures.classic, fixtures.classicRouter]) {
      const scene = sceneOf(rackData(options));
      const services = ids(scene, (found) => found.kind === 'rackService');
      assert.deepEqual(services, ['resource/ApiWebService', 'resource/ApiMonitorService']);
      assert.deepEqual(
        services.map((id) => component(scene, id).parent),
        ['resource/Cluster', 'resource/Cluster'],
      );
      assert.equal(
        component(scene, 'resource/ApiWebService').accessibleName,
        'rack service web, ID production-ApiWebService-W1, running, 1 task',
      );
      assert.equal(component(scene, 'resource/ApiMonitorService').label, 'monitor');
      assert.match(
        component(scene, 'resource/ApiWebService').consoleUrl ?? '',
        /\/services\/production-ApiWebService-W1\/health\?/,
      );
    }
  });
});

describe('architecture scene: spot and build servers in three zones', () => {
  let scene: Scene;
  beforeEach(() => {
    const data = rackData(fixtures.servers);
    data.runtime.containers.push({
      taskArn: taskArn('production-BuildCluster-B1', 'build1'),
      serverId: serverId(0, 0, 'build'),
      app: 'shop',
      service: 'build',
      status: 'RUNNING',
    });
    scene = sceneOf(data);
  });

  it('has a zone per subnet, the third included', () => {
    assert.deepEqual(
      ids(scene, (found) => found.kind === 'zone').map((id) => component(scene, id).label),
      ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    );
    assert.equal(component(scene, 'vpc').accessibleName, 'VPC vpc-0abc running, 10.0.0.0/16, 3 zones');
  });

  it('draws spot and build servers as such, after the rack’s own servers in their zone', () => {
    assert.deepEqual(
      ids(scene, (found) => found.parent === 'zone/1'),
      ['resource/Subnet1', 'server/i-b000', 'server/i-spotb000', 'server/i-spotb001'],
    );
    assert.deepEqual(
      ids(scene, (found) => found.parent === 'zone/0'),
      ['resource/Subnet0', 'server/i-a000', 'server/i-builda000'],
    );
    const spot = component(scene, 'server/i-spotb000');
    assert.equal(spot.variant, 'spot');
    assert.equal(spot.accessibleName, 'spot server i-spotb000 running, 0 tasks, us-east-1b, m5.large');
    const build = component(scene, 'server/i-builda000');
    assert.equal(build.variant, 'build');
    assert.equal(build.accessibleName, 'build server i-builda000 running, 1 task, us-east-1a, t3.small');
  });

  it('links a build server’s tasks to the build cluster', () => {
    assert.equal(
      component(scene, `task/${taskArn('production-BuildCluster-B1', 'build1')}`).consoleUrl,
      'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/production-BuildCluster-B1/tasks/build1/configuration?region=us-east-1',
    );
  });

  it('counts build servers in the build cluster and the others in the ECS cluster', () => {
    assert.equal(
      component(scene, 'resource/BuildCluster').accessibleName,
      'build cluster production-BuildCluster-B1 running, 1 server',
    );
    assert.equal(
      component(scene, 'resource/Cluster').accessibleName,
      'ECS cluster production-Cluster-C1 running, 5 servers, 8 tasks',
    );
  });

  it('has no build cluster, autoscaler or log group when the rack was installed without them', () => {
    const bare = sceneOf(rackData({ build: false, autoscale: false, cloudWatchLogs: false }));
    assertAbsent(bare, ['resource/BuildCluster', 'resource/InstancesAutoscaler', 'resource/LogGroup']);
    assert.ok(byId(bare).has('resource/InstancesLifecycleHandler'));
  });
});

describe('architecture scene: a rack being created', () => {
  let scene: Scene;
  beforeEach(() => {
    const created = rackData(fixtures.creating);
    const data: ArchitectureData = {
      rack: { ...created.rack, outputs: {} },
      resources: {
        ...created.resources,
        subnets: [],
        vpc: undefined,
        resources: created.resources.resources.map((resource) =>
          resource.logicalId === 'Subnet1' ? { ...resource, physicalId: undefined } : resource,
        ),
      },
      runtime: created.runtime,
    };
    scene = sceneOf(data);
  });

  it('has only what exists so far, each pending', () => {
    assert.deepEqual(ids(scene), [
      'client',
      'vpc',
      'zone/0',
      'resource/Subnet0',
      'zone/1',
      'resource/Subnet1',
      'stack',
      'resource/Cluster',
      'resource/Settings',
    ]);
    for (const id of ['vpc', 'resource/Subnet0', 'resource/Cluster', 'resource/Settings'])
      assert.equal(component(scene, id).status?.state, 'pending', id);
    assert.equal(
      component(scene, 'stack').accessibleName,
      'CloudFormation stack production pending, CREATE_IN_PROGRESS, version 20250101120000',
    );
  });

  it('names a subnet AWS has not named yet by its logical id, and its zone by number', () => {
    assert.equal(component(scene, 'resource/Subnet1').accessibleName, 'public subnet Subnet1 pending');
    assert.equal(component(scene, 'zone/1').accessibleName, 'zone 2, 0 servers, 0 tasks');
    assert.equal(component(scene, 'resource/Subnet1').consoleUrl, undefined);
  });

  it('has no balancers yet, so no edges', () => {
    assert.deepEqual(edges(scene), []);
  });

  it('leaves out a resource CloudFormation has deleted', () => {
    const deleted = rackData({ only: ['Vpc', 'Subnet0', 'Settings'] });
    deleted.resources.resources[2].status = 'DELETE_COMPLETE';
    assertAbsent(sceneOf(deleted), ['resource/Settings']);
  });
});

describe('architecture scene: a rack rolling back', () => {
  let scene: Scene;
  beforeEach(() => {
    scene = sceneOf(rackData(fixtures.rollback));
  });

  it('says so in a banner, with CloudFormation’s reason', () => {
    assert.deepEqual(scene.banner, {
      status: { state: 'rollingBack', text: 'rolling back', icon: 'discard', color: 'charts.orange', severity: 3 },
      text: 'acme/production: rolling back. The following resource(s) failed to update: [Instances].',
    });
    assert.deepEqual(
      component(scene, 'stack').details.find((row) => row.label === 'Reason'),
      { label: 'Reason', value: 'The following resource(s) failed to update: [Instances].' },
    );
  });

  it('has a banner while updating, converging, failed or deleting, and none while running, new, creating or unknown', () => {
    const statuses: RackStatus[] = [
      'updating',
      'converging',
      'rollback',
      'failed',
      'deleting',
      'running',
      'new',
      'creating',
      'unknown',
    ];
    const bannered = statuses.filter((status) => {
      const data = rackData();
      return sceneOf({ ...data, rack: { ...data.rack, status } }).banner !== undefined;
    });
    assert.deepEqual(bannered, ['updating', 'converging', 'rollback', 'failed', 'deleting']);
  });
});

describe('architecture scene: servers and containers the stack’s zones do not account for', () => {
  let scene: Scene;
  beforeEach(() => {
    const data = rackData({ existingVpc: 'vpc-existing' });
    data.runtime.servers.push(
      { id: 'i-elsewhere', status: 'active', role: 'rack', availabilityZone: 'us-east-1f' },
      { id: 'i-nowhere', status: 'draining', role: 'rack' },
    );
    data.runtime.containers.push(
      { taskArn: taskArn('production-Cluster-C1', 'fargate1'), app: 'shop', service: 'job', status: 'PENDING' },
      {
        taskArn: taskArn('production-Cluster-C1', 'gone1'),
        serverId: 'i-gone',
        app: 'shop',
        service: 'job',
        status: 'RUNNING',
      },
    );
    scene = sceneOf(data);
  });

  it('draws an existing VPC the rack was installed into', () => {
    assert.equal(component(scene, 'vpc').accessibleName, 'VPC vpc-existing running, 172.31.0.0/16, 4 zones');
    assertAbsent(scene, ['resource/Vpc']);
  });

  it('gives a server of another zone, or of none known, a zone of its own after the stack’s', () => {
    assert.deepEqual(
      ids(scene, (found) => found.parent === 'vpc'),
      ['zone/0', 'zone/1', 'zone/unknown', 'zone/us-east-1f'],
    );
    assert.equal(component(scene, 'server/i-elsewhere').parent, 'zone/us-east-1f');
    assert.equal(component(scene, 'zone/unknown').accessibleName, 'zone unknown, 1 server: 1 draining, 0 tasks');
  });

  it('puts containers on no known server in the ECS cluster', () => {
    assert.deepEqual(
      ids(scene, (found) => found.parent === 'resource/Cluster'),
      ['resource/ServiceWebApi', 'resource/ServiceMonitorApi', 'resource/Cluster/group/shop/job'],
    );
    assert.equal(
      component(scene, 'resource/Cluster/group/shop/job').accessibleName,
      'service shop job, 2 tasks: 1 running, 1 pending',
    );
    assert.equal(
      component(scene, `task/${taskArn('production-Cluster-C1', 'fargate1')}`).parent,
      'resource/Cluster/group/shop/job',
    );
  });
});

describe('architecture scene: what holds of every scene', () => {
  for (const [name, options] of Object.entries(fixtures)) {
    const scene = sceneOf(rackData(options));

    it(`${name}: ids are unique and every parent comes before its children`, () => {
      const seen = new Set<string>();
      for (const found of scene.components) {
        assert.ok(!seen.has(found.id), `${found.id} once`);
        if (found.parent !== undefined) assert.ok(seen.has(found.parent), `${found.parent} before ${found.id}`);
        seen.add(found.id);
      }
      for (const edge of scene.edges) assert.ok(seen.has(edge.from) && seen.has(edge.to), edge.id);
    });

    it(`${name}: every accessible name is made from its component and says its status`, () => {
      for (const found of scene.components) {
        assert.equal(found.accessibleName, accessibleName(found));
        if (found.status) assert.ok(found.accessibleName.includes(` ${found.status.text}`), found.accessibleName);
      }
    });

    it(`${name}: is plain JSON`, () => {
      assert.deepEqual(JSON.parse(JSON.stringify(scene)), scene);
    });

    it(`${name}: is the same whatever order AWS listed things in`, () => {
      const data = rackData(options);
      const shuffled: ArchitectureData = {
        ...data,
        resources: {
          ...data.resources,
          resources: data.resources.resources.slice().reverse(),
          subnets: data.resources.subnets.slice().reverse(),
        },
        runtime: {
          ...data.runtime,
          servers: data.runtime.servers.slice().reverse(),
          containers: data.runtime.containers.slice().reverse(),
        },
      };
      assert.deepEqual(sceneOf(shuffled), scene);
    });
  }
});
