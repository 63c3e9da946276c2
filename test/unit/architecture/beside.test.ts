import * as assert from 'node:assert/strict';
import type { ArchitectureData } from '../../../src/model/architecture/data';
import { sceneOf } from '../../../src/model/architecture/scene';
import type { Scene, SceneComponent } from '../../../src/model/architecture/sceneTypes';
import { rackData, taskArn } from './fixtures';

function component(scene: Scene, id: string): SceneComponent {
  const found = scene.components.find((candidate) => candidate.id === id);
  assert.ok(found, `${id} is in the scene`);
  return found;
}

/** The stack's resources as CloudFormation lists them before AWS has named them. */
function unnamed(data: ArchitectureData): ArchitectureData {
  return {
    ...data,
    resources: {
      ...data.resources,
      resources: data.resources.resources.map((resource) => ({ ...resource, physicalId: undefined })),
    },
  };
}

describe('architecture beside the VPC: the stack', () => {
  it('leaves out the version of a rack that does not say it', () => {
    const data = rackData();
    const scene = sceneOf({ ...data, rack: { ...data.rack, version: undefined } });
    const stack = component(scene, 'stack');
    assert.deepEqual(stack.facts, ['UPDATE_COMPLETE']);
    assert.ok(!stack.details.some((row) => row.label === 'Version'));
    assert.deepEqual(
      component(sceneOf(data), 'stack').details.find((row) => row.label === 'Version'),
      {
        label: 'Version',
        value: '20250101120000',
      },
    );
  });
});

describe('architecture beside the VPC: resources AWS has not named yet', () => {
  const scene = (): Scene => sceneOf(unnamed(rackData()));

  it('names the ECS cluster by the stack output, and links it and its tasks by that name', () => {
    const cluster = component(scene(), 'resource/Cluster');
    assert.equal(cluster.label, 'production-Cluster-C1');
    assert.match(cluster.consoleUrl ?? '', /clusters\/production-Cluster-C1\/services\?/);
  });

  it('names the others by their logical ids, with no console page', () => {
    const built = scene();
    for (const id of ['resource/BuildCluster', 'resource/Settings', 'resource/ServiceWebApi']) {
      assert.equal(component(built, id).consoleUrl, undefined, id);
      assert.equal(component(built, id).awsId, undefined, id);
    }
    assert.equal(component(built, 'resource/BuildCluster').label, 'BuildCluster');
    assert.equal(component(built, 'resource/Settings').label, 'Settings');
  });

  it('names the ECS cluster by its logical id when no output names it either', () => {
    const data = unnamed(rackData());
    delete data.rack.outputs.Cluster;
    const cluster = component(sceneOf(data), 'resource/Cluster');
    assert.deepEqual([cluster.label, cluster.consoleUrl], ['Cluster', undefined]);
  });
});

describe('architecture beside the VPC: containers on no known server', () => {
  it('lists what is known of them, and when they started', () => {
    const data = rackData();
    const arn = taskArn('production-Cluster-C1', 'fargate1');
    data.runtime.containers.push({
      taskArn: arn,
      app: 'shop',
      service: 'job',
      status: 'RUNNING',
      startedAt: new Date('2025-06-01T11:00:00Z'),
    });
    assert.deepEqual(component(sceneOf(data), `task/${arn}`).details, [
      { label: 'Task ARN', value: arn },
      { label: 'App', value: 'shop' },
      { label: 'Service', value: 'job' },
      { label: 'Status', value: 'running' },
      { label: 'ECS status', value: 'RUNNING' },
      { label: 'Started', value: '2025-06-01T11:00:00.000Z' },
    ]);
  });
});
