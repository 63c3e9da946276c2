import * as assert from 'node:assert/strict';
import type { ArchitectureData } from '../../../src/model/architecture/data';
import { layoutOf, type Layout } from '../../../src/model/architecture/layout';
import { sceneOf } from '../../../src/model/architecture/scene';
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
    changed: update.changed.map((component) => component.id),
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
    const [zone, server] = update.changed;
    assert.equal(zone.accessibleName, 'zone us-east-1b, 3 servers: 2 active, 1 draining, 9 tasks');
    assert.equal(
      server.accessibleName,
      `server ${draining} draining, 3 tasks, us-east-1b, t3.small, CPU 25%, memory 50%`,
    );
    assert.equal(server.status?.key, 'converging');
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
      update.changed.map((component) => component.id),
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
      diffLayouts(rolling, running).changed.map((component) => component.id),
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
      ['internet->resource/NLBRouter', 'resource/NLBRouter->vpc'],
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
