import * as assert from 'node:assert/strict';
import type { ArchitectureData } from '../../../src/model/architecture/data';
import {
  layoutOf,
  type Box,
  type Layout,
  type LayoutEdge,
  type LayoutNode,
} from '../../../src/model/architecture/layout';
import { sceneOf } from '../../../src/model/architecture/scene';
import type { Face } from '../../../src/model/architecture/face';
import type { SceneComponent } from '../../../src/model/architecture/sceneTypes';
import { diffLayouts, isEmptyUpdate, type LayoutUpdate } from '../../../src/model/architecture/update';
import { rackData, serverId, taskArn, type RackOptions } from './fixtures';

const options: RackOptions = { zones: 3, serversPerZone: 3, tasksPerServer: 3 };

function laidOut(change: (data: ArchitectureData) => void = () => undefined, rack: RackOptions = options): Layout {
  const data = rackData(rack);
  change(data);
  return layoutOf(sceneOf(data));
}

/** The ids each part of an update names, to compare whole updates at a glance. */
function summary(update: LayoutUpdate): Record<string, unknown> {
  return {
    size: update.size,
    removed: update.removed,
    added: update.added.map((node) => node.component.id),
    moved: update.moved.map((move) => move.id),
    changed: update.changed.map(({ component }) => component.id),
    edges: {
      removed: update.edges.removed,
      added: update.edges.added.map((edge) => edge.id),
      rerouted: update.edges.rerouted.map((edge) => edge.id),
    },
    banner: update.banner,
  };
}

const nothing = {
  size: undefined,
  removed: [],
  added: [],
  moved: [],
  changed: [],
  edges: { removed: [], added: [], rerouted: [] },
  banner: undefined,
};

describe('architecture update', () => {
  it('is empty between two layouts of the same rack', () => {
    const update = diffLayouts(laidOut(), laidOut());
    assert.deepEqual(summary(update), nothing);
    assert.equal(isEmptyUpdate(update), true);
  });

  it('changes only the server, and its zone’s summary, when one server’s status changes', () => {
    const draining = serverId(1, 2);
    const update = diffLayouts(
      laidOut(),
      laidOut((data) => {
        const server = data.runtime.servers.find((candidate) => candidate.id === draining);
        if (server) server.status = 'draining';
      }),
    );
    assert.deepEqual(summary(update), { ...nothing, changed: ['zone/1', `server/${draining}`] });
    const [zone, server] = update.changed.map(({ component }) => component);
    assert.equal(zone.accessibleName, 'zone us-east-1b, 3 servers: 2 running, 1 draining, 9 tasks');
    assert.equal(
      server.accessibleName,
      `server ${draining} draining, 3 tasks, us-east-1b, t3.small, CPU 25%, memory 50%`,
    );
    assert.equal(server.status?.state, 'draining');
    assert.ok(
      update.changed[1].face.parts.some((part) => part.kind === 'text' && part.text === 'draining'),
      'its face says so',
    );
    assert.equal(isEmptyUpdate(update), false);
  });

  it('adds a new container, changes the counts that include it, and moves or resizes what it pushed', () => {
    const server = serverId(0, 1);
    const arn = taskArn('production-Cluster-C1', 'new1');
    const update = diffLayouts(
      laidOut(),
      laidOut((data) =>
        data.runtime.containers.push({ taskArn: arn, serverId: server, app: 'api', service: 'web', status: 'PENDING' }),
      ),
    );
    assert.deepEqual(summary(update), {
      ...nothing,
      added: [`server/${server}/group/api/web`, `task/${arn}`],
      moved: [
        'vpc',
        'zone/0',
        `server/${server}`,
        `server/${server}/group/shop/web`,
        `task/${taskArn('production-Cluster-C1', `${server}t0`)}`,
        `task/${taskArn('production-Cluster-C1', `${server}t2`)}`,
        `server/${server}/group/shop/worker`,
        `task/${taskArn('production-Cluster-C1', `${server}t1`)}`,
        `server/${serverId(0, 2)}`,
        `server/${serverId(0, 2)}/group/shop/web`,
        `task/${taskArn('production-Cluster-C1', `${serverId(0, 2)}t0`)}`,
        `task/${taskArn('production-Cluster-C1', `${serverId(0, 2)}t2`)}`,
        `server/${serverId(0, 2)}/group/shop/worker`,
        `task/${taskArn('production-Cluster-C1', `${serverId(0, 2)}t1`)}`,
      ],
      changed: ['zone/0', `server/${server}`, 'resource/Cluster'],
      edges: {
        // The request enters the new process; the lanes reach further down, to the processes that moved.
        added: [`zone/0->server/${server}/group/api/web`],
        removed: [],
        rerouted: [
          'resource/ApiBalancer->zone/0',
          'resource/Router->zone/0',
          `zone/0->server/${server}/group/shop/web`,
          `zone/0->server/${server}/group/shop/worker`,
          `zone/0->server/${serverId(0, 2)}/group/shop/web`,
          `zone/0->server/${serverId(0, 2)}/group/shop/worker`,
        ],
      },
    });
  });

  it('removes a server with everything in it', () => {
    const gone = serverId(2, 2);
    const update = diffLayouts(
      laidOut(),
      laidOut((data) => {
        data.runtime.servers = data.runtime.servers.filter((server) => server.id !== gone);
        data.runtime.containers = data.runtime.containers.filter((container) => container.serverId !== gone);
      }),
    );
    assert.deepEqual(update.removed, [
      `server/${gone}`,
      `server/${gone}/group/shop/web`,
      `task/${taskArn('production-Cluster-C1', `${gone}t0`)}`,
      `task/${taskArn('production-Cluster-C1', `${gone}t2`)}`,
      `server/${gone}/group/shop/worker`,
      `task/${taskArn('production-Cluster-C1', `${gone}t1`)}`,
    ]);
    assert.deepEqual(update.added, []);
    assert.deepEqual(
      update.changed.map(({ component }) => component.id),
      ['zone/2', 'resource/Cluster'],
    );
  });

  it('shows and clears the banner', () => {
    const running = laidOut();
    const rolling = laidOut(undefined, {
      ...options,
      stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS',
      reason: 'Instances failed',
    });
    assert.equal(diffLayouts(running, rolling).banner?.text, 'acme/production: rolling back. Instances failed');
    assert.equal(diffLayouts(rolling, running).banner, null);
    assert.deepEqual(
      diffLayouts(rolling, running).changed.map(({ component }) => component.id),
      ['stack'],
    );
  });

  it('adds a balancer that appears, with its edges', () => {
    const update = diffLayouts(laidOut(), laidOut(undefined, { ...options, nlb: true }));
    assert.deepEqual(
      update.added.map((node) => node.component.id),
      ['resource/NLBRouter'],
    );
    assert.deepEqual(
      update.edges.added.map((edge) => edge.id),
      [
        'internet->resource/NLBRouter',
        'resource/NLBRouter->zone/0',
        'resource/NLBRouter->zone/1',
        'resource/NLBRouter->zone/2',
      ],
    );
    assert.deepEqual(update.removed, []);
  });

  it('re-adds a component whose parent changed, and everything inside it after it', () => {
    const before = laidOut();
    const after = laidOut();
    const server = `server/${serverId(0, 0)}`;
    const moved = after.nodes.find((node) => node.component.id === server);
    assert.ok(moved);
    moved.component = { ...moved.component, parent: 'zone/1' };
    const update = diffLayouts(before, after);
    const subtree = after.nodes
      .map((node) => node.component.id)
      .filter(
        (id) =>
          id === server || id.startsWith(`${server}/`) || id.includes('/rack') || id.includes(`/${serverId(0, 0)}t`),
      );
    assert.equal(subtree.length, 10);
    assert.deepEqual(update.removed, subtree);
    assert.deepEqual(
      update.added.map((node) => node.component.id),
      subtree,
    );
    assert.deepEqual([update.moved, update.changed], [[], []]);
  });
});

describe('architecture update: what counts as a change', () => {
  const zone: SceneComponent = {
    id: 'zone/0',
    kind: 'zone',
    noun: 'zone',
    label: 'us-east-1a',
    facts: ['1 server: 1 running'],
    accessibleName: 'zone us-east-1a, 1 server: 1 running',
    details: [{ label: 'Zone', value: 'us-east-1a' }],
  };
  const server: SceneComponent = {
    id: 'server/i-1',
    kind: 'server',
    parent: 'zone/0',
    noun: 'server',
    label: 'i-1',
    facts: [],
    accessibleName: 'server i-1',
    details: [],
  };
  const zoneBox: Box = { x: 24, y: 100, width: 300, height: 200 };
  const serverBox: Box = { x: 32, y: 144, width: 284, height: 44 };
  const edge: LayoutEdge = {
    id: 'client->zone/0',
    from: 'client',
    to: 'zone/0',
    points: [
      { x: 100, y: 68 },
      { x: 100, y: 100 },
    ],
    arrow: true,
  };
  const face: Face = { parts: [{ kind: 'text', x: 30, y: 18, text: 'i-1', tone: 'title' }], height: 30 };
  const layout = (nodes: LayoutNode[], edges: LayoutEdge[] = [], size = { width: 400, height: 400 }): Layout => ({
    ...size,
    nodes,
    edges,
  });
  const plain = layout([
    { component: zone, box: zoneBox, face },
    { component: server, box: serverBox, face },
  ]);
  const withServer = (changed: Partial<SceneComponent>, box: Box = serverBox, serverFace = face): Layout =>
    layout([
      { component: zone, box: zoneBox, face },
      { component: { ...server, ...changed }, box, face: serverFace },
    ]);

  it('moves a component that only moved across, or only grew wider', () => {
    for (const box of [
      { ...serverBox, x: 40 },
      { ...serverBox, width: 300 },
    ]) {
      const update = diffLayouts(plain, withServer({}, box));
      assert.deepEqual(update.moved, [{ id: 'server/i-1', box }]);
      assert.deepEqual(summary(update), { ...nothing, moved: ['server/i-1'] });
    }
  });

  it('changes a component that gained or lost a field, or a fact', () => {
    const linked = withServer({ consoleUrl: 'https://console.aws.amazon.com/ec2' });
    assert.deepEqual(summary(diffLayouts(plain, linked)), { ...nothing, changed: ['server/i-1'] });
    assert.deepEqual(summary(diffLayouts(linked, plain)), { ...nothing, changed: ['server/i-1'] });
    assert.deepEqual(summary(diffLayouts(plain, withServer({ facts: ['0 tasks'] }))), {
      ...nothing,
      changed: ['server/i-1'],
    });
    assert.deepEqual(summary(diffLayouts(withServer({ facts: ['0 tasks'] }), plain)), {
      ...nothing,
      changed: ['server/i-1'],
    });
  });

  it('changes a component whose face alone changed', () => {
    const wrapped: Face = {
      ...face,
      parts: [...face.parts, { kind: 'text', x: 30, y: 34, text: 'more', tone: 'muted' }],
    };
    assert.deepEqual(summary(diffLayouts(plain, withServer({}, serverBox, wrapped))), {
      ...nothing,
      changed: ['server/i-1'],
    });
  });

  it('re-adds a component whose kind changed', () => {
    const update = diffLayouts(plain, withServer({ kind: 'natGateway' }));
    assert.deepEqual(summary(update), { ...nothing, removed: ['server/i-1'], added: ['server/i-1'] });
  });

  it('reroutes an edge whose route changed, and removes one that went away', () => {
    const routed = layout(plain.nodes, [edge]);
    const rerouted = layout(plain.nodes, [{ ...edge, points: [edge.points[0], { x: 100, y: 90 }] }]);
    assert.deepEqual(summary(diffLayouts(routed, rerouted)), {
      ...nothing,
      edges: { removed: [], added: [], rerouted: ['client->zone/0'] },
    });
    assert.deepEqual(summary(diffLayouts(routed, plain)), {
      ...nothing,
      edges: { removed: ['client->zone/0'], added: [], rerouted: [] },
    });
  });

  it('gives the new size when only the width, or only the height, changed', () => {
    for (const size of [
      { width: 500, height: 400 },
      { width: 400, height: 500 },
    ])
      assert.deepEqual(diffLayouts(plain, layout(plain.nodes, [], size)).size, size);
  });
});

describe('architecture update: when one is empty', () => {
  const empty: LayoutUpdate = {
    removed: [],
    added: [],
    moved: [],
    changed: [],
    edges: { removed: [], added: [], rerouted: [] },
  };
  const node = layoutOf(sceneOf(rackData())).nodes[0];
  const edge: LayoutEdge = { id: 'a->b', from: 'a', to: 'b', points: [], arrow: true };

  it('is empty only when nothing at all changed, whatever else is in it', () => {
    assert.equal(isEmptyUpdate(empty), true);
    const some: Array<[string, LayoutUpdate]> = [
      ['size', { ...empty, size: { width: 1, height: 1 } }],
      ['banner gone', { ...empty, banner: null }],
      ['removed and added', { ...empty, removed: ['x'], added: [node] }],
      ['removed and moved', { ...empty, removed: ['x'], moved: [{ id: 'y', box: node.box }] }],
      ['removed and changed', { ...empty, removed: ['x'], changed: [{ component: node.component, face: node.face }] }],
      ['an edge rerouted', { ...empty, edges: { removed: [], added: [], rerouted: [edge] } }],
      ['edges removed and added', { ...empty, edges: { removed: ['x'], added: [edge], rerouted: [] } }],
      ['edges removed and rerouted', { ...empty, edges: { removed: ['x'], added: [], rerouted: [edge] } }],
    ];
    for (const [what, update] of some) assert.equal(isEmptyUpdate(update), false, what);
  });
});
