import * as assert from 'node:assert/strict';
import { sceneOf } from '../../src/model/architecture/scene';
import { architectureScenario } from '../sim';
import { simulatedAws, type SimulatedAws } from './helpers';

describe('the architecture read (real SDK clients over HTTP)', function () {
  this.timeout(30_000);
  let aws: SimulatedAws;
  before(async () => {
    aws = await simulatedAws(architectureScenario());
  });
  after(() => aws.stop());

  it('reads a rack whole on first load and only what changes after, within the call budgets', async () => {
    const ports = aws.ports();
    const store = aws.store(ports);
    await store.refresh('manual');
    const rack = store.racks().find((candidate) => candidate.name === 'private');
    assert.ok(
      rack,
      store
        .racks()
        .map((each) => each.name)
        .join(', '),
    );
    aws.sim.calls.reset();
    const first = await store.loadArchitecture(rack, 'first use');
    const tasks = first.runtime.containers.length;
    const firstCalls = aws.sim.calls.count();
    console.log(
      `      first load: ${firstCalls} calls for ${first.resources.resources.length} resources, ${first.runtime.servers.length} servers, ${tasks} tasks`,
    );
    assert.ok(first.resources.resources.length > 100, 'more than one page of resources');
    assert.ok(firstCalls <= 6 + 2 * Math.ceil(tasks / 100), `${firstCalls} calls`);
    assert.ok(
      first.resources.subnets.length >= 4 &&
        first.resources.subnets.every((subnet) => /^us-east-1[a-f]$/.test(subnet.availabilityZone)),
    );
    assert.ok(
      first.runtime.containers.every(
        (container) => container.serverId && first.runtime.servers.some((server) => server.id === container.serverId),
      ),
      'every container on a known server',
    );

    aws.sim.calls.reset();
    const again = await store.loadArchitecture(rack, 'interval');
    const unchangedCalls = aws.sim.calls.count();
    console.log(`      unchanged refresh: ${unchangedCalls} calls`);
    assert.ok(unchangedCalls <= 4 + Math.ceil(tasks / 100), `${unchangedCalls} calls`);
    assert.equal(
      aws.sim.calls.count({ operation: 'ListStackResources' }),
      0,
      'the stack did not change: its resources are not read again',
    );
    assert.equal(aws.sim.calls.count({ operation: 'DescribeTasks' }), 0, 'no task it has not seen');
    assert.deepEqual(again.runtime.containers, first.runtime.containers);

    const [server] = again.runtime.servers;
    aws.sim.world.drainServer(server.id);
    const drained = await store.loadArchitecture(rack, 'interval');
    assert.equal(drained.runtime.servers.find((each) => each.id === server.id)?.status, 'draining');
    const scene = sceneOf(drained);
    assert.ok(
      scene.components.some((component) => component.accessibleName.startsWith(`server ${server.id} draining`)),
      scene.components.map((component) => component.accessibleName).join('\n'),
    );
    store.dispose();
    ports.dispose();
  });

  it('draws a rack from 2021: its API through the classic Balancer (or Router with ApiRouter=ALB), its services ApiWebService and ApiMonitorService running', async () => {
    const ports = aws.ports();
    const store = aws.store(ports);
    await store.refresh('manual');
    for (const [name, entry] of [
      ['vintage', 'resource/Balancer'],
      ['vintage-alb', 'resource/Router'],
    ]) {
      const rack = store.racks().find((candidate) => candidate.name === name);
      assert.ok(rack, name);
      const scene = sceneOf(await store.loadArchitecture(rack, 'first use'));
      const byId = new Map(scene.components.map((component) => [component.id, component]));
      assert.ok(
        scene.edges.some((edge) => edge.from === 'client' && edge.to === entry),
        `${name}: you reach the API through ${entry}`,
      );
      assert.ok(!byId.has('resource/ApiBalancer'), name);
      for (const [id, label] of [
        ['resource/ApiWebService', 'web'],
        ['resource/ApiMonitorService', 'monitor'],
      ]) {
        const service = byId.get(id);
        assert.equal(service?.label, label, `${name} ${id}`);
        assert.equal(service?.parent, 'resource/Cluster');
        assert.ok(!service?.facts.includes('0 tasks'), `${name} ${id} runs: ${service?.facts.join()}`);
      }
    }
    const balancer = sceneOf(
      await store.loadArchitecture(
        store.racks().find((candidate) => candidate.name === 'vintage') ?? assert.fail('vintage'),
        'interval',
      ),
    ).components.find((component) => component.id === 'resource/Balancer');
    assert.equal(balancer?.label, 'vintage', 'a classic ELB is named, not an ARN');
    assert.match(balancer?.facts.join() ?? '', /host vintage-\d+\.us-east-1\.elb\.amazonaws\.com/);
    store.dispose();
    ports.dispose();
  });

  it('reads the resources of a rack still being created again while it is in progress', async () => {
    const ports = aws.ports();
    const store = aws.store(ports);
    await store.refresh('manual');
    const rack = store.racks().find((candidate) => candidate.name === 'creating');
    assert.ok(rack);
    await store.loadArchitecture(rack, 'first use');
    aws.sim.calls.reset();
    await store.loadArchitecture(rack, 'interval');
    assert.equal(aws.sim.calls.count({ operation: 'ListStackResources' }), 1);
    store.dispose();
    ports.dispose();
  });
});
