import * as assert from 'node:assert/strict';
import {
  componentStatus,
  containerStatus,
  resourceStatus,
  serverStatus,
} from '../../../src/model/architecture/componentStatus';

function keyAndText(status: { key: string; text: string }): [string, string] {
  return [status.key, status.text];
}

describe('architecture: component statuses borrow the Racks view styles', () => {
  it('carries the style of its rack status: icon, theme colour and severity', () => {
    assert.deepEqual(componentStatus('failed', 'delete failed'), {
      text: 'delete failed',
      key: 'failed',
      icon: 'error',
      color: 'errorForeground',
      severity: 5,
    });
    assert.deepEqual(componentStatus('running', 'active'), {
      text: 'active',
      key: 'running',
      icon: 'pass-filled',
      color: 'testing.iconPassed',
      severity: 0,
    });
  });

  it('leaves the colour out when the style has none, so it is the default foreground', () => {
    assert.deepEqual(componentStatus('new', 'new'), {
      text: 'new',
      key: 'new',
      icon: 'circle-large-outline',
      severity: 1,
    });
  });

  it('names CloudFormation resource statuses in words', () => {
    const table: Array<[string, [string, string]]> = [
      ['CREATE_IN_PROGRESS', ['creating', 'creating']],
      ['CREATE_COMPLETE', ['running', 'active']],
      ['CREATE_FAILED', ['failed', 'create failed']],
      ['UPDATE_IN_PROGRESS', ['updating', 'updating']],
      ['UPDATE_COMPLETE', ['running', 'active']],
      ['UPDATE_ROLLBACK_IN_PROGRESS', ['rollback', 'rolling back']],
      ['UPDATE_ROLLBACK_COMPLETE', ['running', 'active']],
      ['ROLLBACK_COMPLETE', ['failed', 'rolled back']],
      ['DELETE_IN_PROGRESS', ['deleting', 'deleting']],
      ['DELETE_FAILED', ['failed', 'delete failed']],
      ['DELETE_SKIPPED', ['running', 'kept']],
      ['EXPORT_IN_PROGRESS', ['unknown', 'export in progress']],
    ];
    for (const [status, expected] of table) assert.deepEqual(keyAndText(resourceStatus(status)), expected, status);
  });

  it('keeps a server’s own word for its status and styles a draining one like a converging rack', () => {
    assert.deepEqual(keyAndText(serverStatus('ACTIVE')), ['running', 'active']);
    assert.deepEqual(keyAndText(serverStatus('draining')), ['converging', 'draining']);
    assert.deepEqual(keyAndText(serverStatus('pending')), ['creating', 'pending']);
    assert.deepEqual(keyAndText(serverStatus('shutting-down')), ['deleting', 'shutting-down']);
    assert.deepEqual(keyAndText(serverStatus('REGISTRATION_FAILED')), ['failed', 'registration failed']);
    assert.deepEqual(keyAndText(serverStatus('hibernating')), ['unknown', 'hibernating']);
  });

  it('keeps a task’s ECS status', () => {
    assert.deepEqual(keyAndText(containerStatus('RUNNING')), ['running', 'running']);
    assert.deepEqual(keyAndText(containerStatus('PROVISIONING')), ['creating', 'provisioning']);
    assert.deepEqual(keyAndText(containerStatus('STOPPED')), ['deleting', 'stopped']);
    assert.deepEqual(keyAndText(containerStatus('LOST')), ['unknown', 'lost']);
  });
});
