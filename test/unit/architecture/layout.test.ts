import * as assert from 'node:assert/strict';
import type { ArchitectureData } from '../../../src/model/architecture/data';
import { layoutOf, type Box, type Layout } from '../../../src/model/architecture/layout';
import { sceneOf } from '../../../src/model/architecture/scene';
import { rackData, serverId, taskArn } from './fixtures';

function boxes(layout: Layout): Map<string, Box> {
  return new Map(layout.nodes.map((node) => [node.component.id, node.box]));
}

function box(layout: Layout, id: string): Box {
  const found = boxes(layout).get(id);
  assert.ok(found, `${id} is laid out`);
  return found;
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/** Sibling pairs that overlap, and children not inside their parents, by id: empty for a good layout. */
function geometryProblems(layout: Layout): string[] {
  const problems: string[] = [];
  const all = boxes(layout);
  const siblings = new Map<string, Array<[string, Box]>>();
  for (const { component, box: own } of layout.nodes) {
    const parent = component.parent ?? '';
    siblings.set(parent, [...(siblings.get(parent) ?? []), [component.id, own]]);
    const parentBox = component.parent === undefined ? undefined : all.get(component.parent);
    if (component.parent !== undefined && (!parentBox || !inside(own, parentBox)))
      problems.push(`${component.id} outside ${component.parent}`);
    if (own.width <= 0 || own.height <= 0) problems.push(`${component.id} has no area`);
    if (!inside(own, { x: 0, y: 0, width: layout.width, height: layout.height }))
      problems.push(`${component.id} outside the diagram`);
  }
  for (const group of siblings.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++)
        if (overlap(group[i][1], group[j][1])) problems.push(`${group[i][0]} overlaps ${group[j][0]}`);
    }
  }
  return problems;
}

const large = (): ArchitectureData =>
  rackData({
    zones: 3,
    serversPerZone: 20,
    tasksPerServer: 10,
    privateNetwork: true,
    internalRouter: true,
    nlb: true,
    spotServers: 3,
    buildServers: 2,
  });

describe('architecture layout: 3 zones × 20 servers × 10 tasks', () => {
  const data = large();
  const scene = sceneOf(data);
  const layout = layoutOf(scene);

  it('lays out every component of the scene, in the scene’s order', () => {
    assert.equal(data.runtime.servers.length, 65);
    assert.equal(data.runtime.containers.length, 602);
    assert.deepEqual(
      layout.nodes.map((node) => node.component),
      scene.components,
    );
  });

  it('is the same every time, and for the same rack listed in another order', () => {
    assert.deepEqual(layoutOf(sceneOf(large())), layout);
    const shuffled = large();
    shuffled.runtime.servers.reverse();
    shuffled.runtime.containers.reverse();
    shuffled.resources.resources.reverse();
    assert.deepEqual(layoutOf(sceneOf(shuffled)), layout);
  });

  it('overlaps no siblings, keeps every child inside its parent and everything inside the diagram', () => {
    assert.deepEqual(geometryProblems(layout), []);
  });

  it('draws zones as columns of the VPC and stacks each zone’s servers', () => {
    const zones = ['zone/0', 'zone/1', 'zone/2'].map((id) => box(layout, id));
    assert.deepEqual(
      zones.map((zone) => [zone.y, zone.width]),
      [
        [zones[0].y, 300],
        [zones[0].y, 300],
        [zones[0].y, 300],
      ],
    );
    assert.ok(zones[0].x + zones[0].width < zones[1].x && zones[1].x + zones[1].width < zones[2].x);
    const servers = Array.from({ length: 20 }, (_, index) => box(layout, `server/${serverId(1, index)}`));
    for (let index = 1; index < servers.length; index++) {
      assert.equal(servers[index].x, servers[0].x);
      assert.ok(
        servers[index].y > servers[index - 1].y + servers[index - 1].height - 1,
        `server ${index} is below ${index - 1}`,
      );
    }
    assert.ok(box(layout, 'resource/SubnetPrivate1').y < servers[0].y, 'subnets above servers');
  });

  it('puts the callers on top, the balancers under them, and the rest of the rack beside the VPC', () => {
    const vpc = box(layout, 'vpc');
    const client = box(layout, 'client');
    const balancers = ['resource/ApiBalancer', 'resource/Router', 'resource/RouterInternal', 'resource/NLBRouter'].map(
      (id) => box(layout, id),
    );
    for (const balancer of balancers) {
      assert.ok(client.y + client.height < balancer.y);
      assert.ok(balancer.y + balancer.height < vpc.y);
    }
    for (const id of ['stack', 'resource/Cluster', 'resource/Settings', 'resource/CustomTopic'])
      assert.ok(box(layout, id).x > vpc.x + vpc.width, `${id} right of the VPC`);
  });

  it('routes a caller’s edge from its bottom to the balancer’s top, in straight runs', () => {
    const callerEdges = layout.edges.filter((edge) => edge.from === 'client' || edge.from === 'internet');
    assert.ok(callerEdges.length > 0);
    for (const edge of callerEdges) {
      const from = box(layout, edge.from);
      const to = box(layout, edge.to);
      assert.deepEqual(edge.points[0], { x: from.x + from.width / 2, y: from.y + from.height }, edge.id);
      const last = edge.points[edge.points.length - 1];
      assert.equal(last.y, to.y, edge.id);
      assert.ok(last.x > to.x && last.x < to.x + to.width, edge.id);
      assert.equal(edge.arrow, true);
    }
  });

  it('runs a request from its balancer down each zone’s lane, as far as its last process there', () => {
    assert.equal(layout.edges.length, scene.edges.length);
    const trunk = layout.edges.find((edge) => edge.id === 'resource/Router->zone/1');
    assert.ok(trunk);
    const router = box(layout, 'resource/Router');
    const zone = box(layout, 'zone/1');
    const lane = zone.x + zone.width - 10;
    const lastProcess = box(layout, `server/${serverId(1, 19)}/group/shop/worker`);
    assert.deepEqual(trunk.points[0], { x: router.x + router.width / 2, y: router.y + router.height });
    assert.deepEqual(trunk.points[trunk.points.length - 1], { x: lane, y: lastProcess.y + 11 });
    assert.ok(trunk.points[1].y < box(layout, 'vpc').y, 'it turns above the VPC');
    assert.equal(trunk.arrow, false, 'the lane ends in its branches’ arrows');
  });

  it('branches a request off the lane into each process, level with its first row', () => {
    const id = `server/${serverId(2, 4)}/group/shop/web`;
    const branch = layout.edges.find((edge) => edge.id === `zone/2->${id}`);
    const group = box(layout, id);
    const zone = box(layout, 'zone/2');
    assert.deepEqual(branch?.points, [
      { x: zone.x + zone.width - 10, y: group.y + 11 },
      { x: group.x + group.width, y: group.y + 11 },
    ]);
    assert.equal(branch?.arrow, true);
  });

  it('keeps each zone’s lane clear: nothing inside a zone reaches into it', () => {
    for (const node of layout.nodes) {
      const zone = layout.nodes.find((candidate) => candidate.component.id === node.component.parent);
      if (zone?.component.kind !== 'zone') continue;
      assert.ok(node.box.x + node.box.width <= zone.box.x + zone.box.width - 20, node.component.id);
    }
  });

  it('routes every edge in straight runs', () => {
    for (const edge of layout.edges) {
      for (let index = 1; index < edge.points.length; index++) {
        const [a, b] = [edge.points[index - 1], edge.points[index]];
        assert.ok(a.x === b.x || a.y === b.y, `${edge.id} segment ${index} is straight`);
      }
    }
  });

  it('makes every component as tall as its face, and its children start below it', () => {
    for (const node of layout.nodes) {
      assert.ok(node.face.height <= node.box.height, node.component.id);
      const parent = layout.nodes.find((candidate) => candidate.component.id === node.component.parent);
      if (parent && parent.component.kind !== 'serviceGroup')
        assert.ok(node.box.y >= parent.box.y + parent.face.height, `${node.component.id} below its parent’s face`);
    }
  });

  it('is plain JSON', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(layout)), layout);
  });
});

describe('architecture layout: containers as squares', () => {
  it('puts a group’s squares after its name, then in rows inside it, in ARN order, and its tally last', () => {
    const data = rackData({ zones: 2, tasksPerServer: 0 });
    const server = serverId(0, 0);
    for (let index = 0; index < 40; index++) {
      data.runtime.containers.push({
        taskArn: taskArn('c', `t${String(index).padStart(2, '0')}`),
        serverId: server,
        app: 'shop',
        service: 'web',
        status: index === 39 ? 'PENDING' : 'RUNNING',
      });
    }
    const layout = layoutOf(sceneOf(data));
    const node = layout.nodes.find((found) => found.component.id === `server/${server}/group/shop/web`);
    assert.ok(node);
    const group = node.box;
    const tiles = Array.from({ length: 40 }, (_, index) =>
      box(layout, `task/${taskArn('c', `t${String(index).padStart(2, '0')}`)}`),
    );
    const texts = node.face.parts.flatMap((part) => (part.kind === 'text' ? [part] : []));
    assert.deepEqual(
      texts.map((text) => text.text),
      ['shop web ×40', '39 running, 1 pending'],
    );
    assert.equal(tiles[0].y, tiles[1].y);
    assert.ok(tiles[0].x > group.x + 80, 'the first square follows the name on its row');
    assert.equal(tiles[1].x - tiles[0].x, 21, 'squares of 18 with 3 between');
    const rows = [...new Set(tiles.map((tile) => tile.y))];
    assert.ok(rows.length >= 3, `${rows.length} rows`);
    const second = tiles.filter((tile) => tile.y === rows[1]);
    assert.equal(second[0].x, group.x + 6, 'later rows start at the group’s left');
    assert.equal(second[1].x - second[0].x, 21);
    assert.ok(group.x + group.width - (second[second.length - 1].x + 18) < 21 + 6, 'a row is full before the next');
    assert.ok(texts[1].y > texts[0].y, 'the tally comes after the squares');
    assert.deepEqual(geometryProblems(layout), []);
  });

  it('gives each square its task’s status icon, centred', () => {
    const layout = layoutOf(sceneOf(rackData()));
    const task = layout.nodes.find((node) => node.component.kind === 'container');
    assert.deepEqual(task?.face.parts, [
      { kind: 'icon', x: 9, y: 14, icon: 'pass-filled', color: 'testing.iconPassed', size: 'status', centred: true },
    ]);
    assert.deepEqual([task?.box.width, task?.box.height], [18, 18]);
  });
});

describe('architecture layout: small and partial racks', () => {
  it('lays out a rack being created that has no VPC yet', () => {
    const data = rackData({ only: ['Settings'], serversPerZone: 0 });
    const layout = layoutOf(
      sceneOf({ ...data, rack: { ...data.rack, outputs: {} }, resources: { ...data.resources, vpc: undefined } }),
    );
    assert.deepEqual(
      layout.nodes.map((node) => node.component.id),
      ['client', 'stack', 'resource/Settings'],
    );
    assert.deepEqual(geometryProblems(layout), []);
    assert.deepEqual(layout.edges, []);
  });

  it('carries the banner', () => {
    const layout = layoutOf(sceneOf(rackData({ stackStatus: 'UPDATE_IN_PROGRESS' })));
    assert.equal(layout.banner?.text, 'acme/production: updating');
  });

  it('has the same geometry for every rack of the same shape', () => {
    const layout = layoutOf(sceneOf(rackData()));
    assert.deepEqual([layout.width, layout.height], [988, 1356]);
    assert.deepEqual(box(layout, 'vpc'), { x: 24, y: 276, width: 636, height: 426 });
    assert.deepEqual(box(layout, 'server/i-a000'), { x: 44, y: 470, width: 272, height: 212 });
    assert.deepEqual(box(layout, 'resource/Cluster'), { x: 684, y: 362, width: 280, height: 200 });
  });
});

describe('architecture layout: rows and edge cases', () => {
  it('centres the balancers over the VPC', () => {
    const layout = layoutOf(sceneOf(rackData({ zones: 3, nlb: true })));
    const vpc = box(layout, 'vpc');
    const first = box(layout, 'resource/ApiBalancer');
    const last = box(layout, 'resource/NLBRouter');
    const left = first.x - vpc.x;
    const right = vpc.x + vpc.width - (last.x + last.width);
    assert.ok(left > 0 && Math.abs(left - right) <= 1, `${left} left, ${right} right`);
  });

  it('puts the VPC and what is beside it right under the callers when there is no balancer', () => {
    const data = rackData({ only: ['Vpc', 'Subnet0', 'Settings'] });
    const layout = layoutOf(sceneOf(data));
    const client = box(layout, 'client');
    // The gap under the callers' row, as under every row.
    const gap = box(layout, 'vpc').y - (client.y + client.height);
    assert.equal(box(layout, 'stack').y, box(layout, 'vpc').y);
    assert.equal(gap, 56);
    assert.deepEqual(geometryProblems(layout), []);
  });

  it('draws a VPC with no zones yet as wide as one zone', () => {
    const layout = layoutOf(sceneOf(rackData({ only: ['Vpc'], serversPerZone: 0 })));
    assert.equal(box(layout, 'vpc').width, box(layoutOf(sceneOf(rackData({ zones: 1 }))), 'zone/0').width);
    assert.deepEqual(geometryProblems(layout), []);
  });

  it('leaves out a component whose parent is not in the scene, and the edges to it', () => {
    const scene = sceneOf(rackData());
    const orphan = { ...scene.components[0], id: 'orphan', parent: 'nowhere' };
    const layout = layoutOf({
      ...scene,
      components: [...scene.components, orphan],
      edges: [
        ...scene.edges,
        { id: 'client->orphan', from: 'client', to: 'orphan' },
        { id: 'orphan->vpc', from: 'orphan', to: 'vpc' },
      ],
    });
    assert.deepEqual(layout, layoutOf(scene));
  });
});
