import * as assert from 'node:assert/strict';
import type { RackStore } from '../../src/model/store/rackStore';
import { defaultScenario } from '../sim';
import { refreshedStoreHooks, type SimulatedAws } from './helpers';
import { rackNamed } from '../rackNamed';

describe('rack details and converging against the simulator', function () {
  this.timeout(30_000);
  let aws: SimulatedAws;
  let store: RackStore;

  refreshedStoreHooks(
    () => defaultScenario(),
    {},
    (world) => ({ aws, store } = world),
  );

  it('shows a running rack whose Instances group has a Pending instance as converging', () => {
    assert.equal(rackNamed(store, 'acme/converge')?.status, 'converging');
    assert.equal(rackNamed(store, 'acme/production')?.status, 'running');
    assert.equal(rackNamed(store, 'globex/tidy')?.status, 'running');
  });

  it('checks lifecycles with one DescribeAutoScalingGroups call per pair holding running racks, and no other', () => {
    const calls = aws.sim.calls.all().filter((call) => call.operation === 'DescribeAutoScalingGroups');
    const runningRegions = new Set(
      store
        .racks()
        .filter((rack) => (rack.status === 'running' || rack.status === 'converging') && rack.outputs.AutoscalingGroup)
        .map((rack) => rack.region),
    );
    assert.ok(calls.length > 0, 'lifecycles were checked');
    assert.deepEqual(
      new Set(calls.map((call) => call.region)),
      runningRegions,
      'every region with running racks, and only those',
    );
    assert.equal(
      new Set(calls.map((call) => `${call.accessKeyId} ${call.region}`)).size,
      calls.length,
      'never twice for one pair',
    );
  });

  it('expands a rack into its instances (build servers left out) and its own tasks, with no app tasks', async () => {
    const production = rackNamed(store, 'acme/production');
    assert.ok(production);
    aws.sim.calls.reset();
    const details = await store.details(production);
    assert.equal(details.instances.length, 3);
    for (const instance of details.instances) {
      assert.match(instance.id, /^i-[0-9a-f]+$/);
      assert.equal(instance.status, 'active');
      assert.ok(instance.privateIp, 'private IP from EC2');
      assert.ok(instance.cpu !== undefined && instance.cpu >= 0 && instance.cpu <= 1, 'CPU share from ECS');
    }
    assert.ok(details.tasks.length > 0);
    const operations = aws.sim.calls.all().map((call) => call.operation);
    assert.ok(!operations.includes('DescribeTaskDefinition'), 'task definitions wait for Processes to open');
    assert.ok(operations.length <= 8, `${operations.length} calls: ${operations.join(', ')}`);
    await store.details(production);
    assert.equal(aws.sim.calls.count(), operations.length, 'a second expansion is served from the store');
  });

  it('lists the rack processes as `convox rack ps` does', async () => {
    const production = rackNamed(store, 'acme/production');
    assert.ok(production);
    const processes = await store.processes(production);
    assert.ok(processes.length > 0);
    for (const process of processes) {
      assert.equal(process.id.length, 12);
      assert.equal(process.app, 'production');
      assert.equal(process.status, 'running');
    }
    assert.deepEqual([...new Set(processes.map((process) => process.service))].sort(), ['monitor', 'web']);
  });

  it('reads the last stack events, newest first', async () => {
    const production = rackNamed(store, 'acme/production');
    assert.ok(production);
    const events = await store.events(production, 20);
    assert.equal(events.length, 20);
    for (let index = 1; index < events.length; index++) assert.ok(events[index - 1].at >= events[index].at);
  });
});
