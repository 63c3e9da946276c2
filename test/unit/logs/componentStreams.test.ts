import * as assert from 'node:assert/strict';
import { sceneOf } from '../../../src/model/architecture/scene';
import type { SceneComponent } from '../../../src/model/architecture/sceneTypes';
import { componentLogs } from '../../../src/model/logs/componentStreams';
import { rackData, serverId, taskArn } from '../architecture/fixtures';

describe('the logs of an architecture component', () => {
  // Rack `production`: its own web and monitor tasks run on the first server, app `shop`'s tasks on every server.
  const data = rackData();
  const components = sceneOf(data).components;
  const cluster = 'production-Cluster-C1';

  function find(kind: SceneComponent['kind'], awsId: string): SceneComponent {
    const found = components.find((component) => component.kind === kind && component.awsId === awsId);
    assert.ok(found, `${kind} ${awsId} is in the scene`);
    return found;
  }

  it('of the log group: every stream', () => {
    const logGroup = components.find((component) => component.kind === 'logGroup');
    assert.ok(logGroup);
    assert.deepEqual(componentLogs(logGroup, data), {
      kind: 'streams',
      streams: { kind: 'prefix', prefix: '', label: 'all streams' },
    });
    assert.deepEqual(componentLogs(logGroup, undefined), componentLogs(logGroup, data), 'known without the data');
  });

  it('of a server: the streams of the rack’s own tasks on it, not those of the apps’ tasks', () => {
    assert.deepEqual(componentLogs(find('server', serverId(0, 0)), data), {
      kind: 'streams',
      streams: {
        kind: 'names',
        names: ['service/web/rackweb1', 'service/monitor/rackmonitor1'],
        label: 'i-a000',
      },
    });
  });

  it('of a server running only apps’ tasks: where their logs are instead', () => {
    assert.deepEqual(componentLogs(find('server', serverId(1, 0)), data), {
      kind: 'elsewhere',
      message:
        "None of the rack's own services runs on i-b000: its apps' logs are in each app's log group (convox logs -a APP).",
    });
  });

  it('of a server before the rack’s tasks are read: elsewhere, as none is known to run there', () => {
    const logs = componentLogs(find('server', serverId(0, 0)), undefined);
    assert.equal(logs?.kind, 'elsewhere');
  });

  it('of one of the rack’s tasks: its own stream, named by service and task id', () => {
    const web = find('container', taskArn(cluster, 'rackweb1'));
    assert.equal(web.label, 'rackweb1');
    assert.deepEqual(componentLogs(web, data), {
      kind: 'streams',
      streams: { kind: 'names', names: ['service/web/rackweb1'], label: 'web rackweb1' },
    });
  });

  it('of an app’s task: in the app’s log group', () => {
    assert.deepEqual(componentLogs(find('container', taskArn(cluster, 'i-a000t0')), data), {
      kind: 'elsewhere',
      message: "Task i-a000t0 belongs to an app: its logs are in the app's log group (convox logs -a APP).",
    });
  });

  it('of a server or task AWS has not named yet, or of anything else: none', () => {
    const server = find('server', serverId(0, 0));
    const web = find('container', taskArn(cluster, 'rackweb1'));
    assert.equal(componentLogs({ ...server, awsId: undefined }, data), undefined);
    assert.equal(componentLogs({ ...web, awsId: undefined }, data), undefined);
    const others = components.filter((component) => !['server', 'container', 'logGroup'].includes(component.kind));
    assert.ok(others.length > 0);
    for (const other of others) assert.equal(componentLogs(other, data), undefined, other.id);
  });
});
