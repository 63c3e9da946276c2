import * as assert from 'node:assert/strict';
import { sceneOf } from '../../../src/model/architecture/scene';
import type { Scene, SceneComponent } from '../../../src/model/architecture/sceneTypes';
import { rackData } from './fixtures';

function component(scene: Scene, id: string): SceneComponent {
  const found = scene.components.find((candidate) => candidate.id === id);
  assert.ok(found, `${id} is in the scene`);
  return found;
}

function edges(scene: Scene): string[] {
  return scene.edges.map((edge) => edge.id);
}

describe('architecture entrances: which balancer is the rack API', () => {
  it('joins you to no router of an older rack whose API balancer is gone, unless ApiRouter=ALB', () => {
    const data = rackData({ classicApi: 'ELB' });
    data.resources.resources = data.resources.resources.filter((resource) => resource.logicalId !== 'Balancer');
    assert.deepEqual(
      edges(sceneOf(data)).filter((id) => !id.startsWith('zone/')),
      ['internet->resource/Router', 'resource/Router->zone/0', 'resource/Router->zone/1'],
    );
    assert.ok(
      !edges(sceneOf(data)).some((id) => id.endsWith('/production/web')),
      'nothing takes the API’s requests to the rack’s web process',
    );
  });

  it('with ApiRouter=ALB joins you to the public router only, not the internal one or a network balancer', () => {
    const scene = sceneOf(rackData({ classicApi: 'ALB', internalRouter: true, nlb: true }));
    assert.deepEqual(
      edges(scene).filter((id) => id.startsWith('client->')),
      ['client->resource/Router'],
    );
    assert.ok(!component(scene, 'resource/RouterInternal').facts.includes('also the rack API'));
  });
});

describe('architecture entrances: balancers the stack has not finished', () => {
  it('draws a balancer with no host yet without one', () => {
    const data = rackData();
    delete data.rack.outputs.Domain;
    const router = component(sceneOf(data), 'resource/Router');
    assert.deepEqual(router.facts, []);
    assert.ok(!router.details.some((row) => row.label === 'Host'));
    assert.deepEqual(router.details.slice(-1), [{ label: 'Scheme', value: 'internet-facing' }]);
  });

  it('names a balancer AWS has not named yet by its logical id, with no console page', () => {
    const data = rackData();
    data.resources.resources = data.resources.resources.map((resource) =>
      resource.logicalId === 'ApiBalancer' ? { ...resource, physicalId: undefined } : resource,
    );
    const api = component(sceneOf(data), 'resource/ApiBalancer');
    assert.deepEqual([api.label, api.consoleUrl], ['ApiBalancer', undefined]);
  });
});
