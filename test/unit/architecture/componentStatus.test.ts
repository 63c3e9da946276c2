import * as assert from 'node:assert/strict';
import {
  componentStatus,
  containerStatus,
  rackComponentStatus,
  resourceStatus,
  serverStatus,
  statusTally,
} from '../../../src/model/architecture/componentStatus';
import { stateStyles, statusStates } from '../../../src/model/architecture/statusStates';
import type { RackStatus } from '../../../src/model/rack';

describe('architecture: component statuses', () => {
  it('are drawn by their state: its word, codicon, theme colour and severity', () => {
    assert.deepEqual(componentStatus('failed'), {
      state: 'failed',
      text: 'failed',
      icon: 'error',
      color: 'errorForeground',
      severity: 5,
    });
    assert.deepEqual(componentStatus('draining'), {
      state: 'draining',
      text: 'draining',
      icon: 'arrow-circle-down',
      color: 'charts.orange',
      severity: 2,
    });
  });

  it('give every state its own icon and word, so that none is told by colour alone', () => {
    const styles = statusStates.map((state) => stateStyles[state]);
    assert.equal(new Set(styles.map((style) => style.icon)).size, statusStates.length);
    assert.equal(new Set(styles.map((style) => style.word)).size, statusStates.length);
    assert.deepEqual(
      styles.map((style) => style.word),
      ['running', 'pending', 'updating', 'draining', 'stopping', 'stopped', 'rolling back', 'failed', 'unknown'],
    );
    for (const style of styles) assert.match(style.color, /^[a-zA-Z]+(\.[a-zA-Z]+)?$/, 'a theme colour id');
  });

  it('puts CloudFormation resource statuses in those states', () => {
    const table: Array<[string, string]> = [
      ['CREATE_IN_PROGRESS', 'pending'],
      ['CREATE_COMPLETE', 'running'],
      ['CREATE_FAILED', 'failed'],
      ['UPDATE_IN_PROGRESS', 'updating'],
      ['UPDATE_COMPLETE', 'running'],
      ['UPDATE_FAILED', 'failed'],
      ['UPDATE_ROLLBACK_IN_PROGRESS', 'rolling back'],
      ['UPDATE_ROLLBACK_COMPLETE', 'running'],
      ['UPDATE_ROLLBACK_FAILED', 'failed'],
      ['ROLLBACK_IN_PROGRESS', 'rolling back'],
      ['ROLLBACK_COMPLETE', 'failed'],
      ['ROLLBACK_FAILED', 'failed'],
      ['DELETE_IN_PROGRESS', 'stopping'],
      ['DELETE_FAILED', 'failed'],
      ['DELETE_SKIPPED', 'running'],
      ['IMPORT_IN_PROGRESS', 'updating'],
      ['IMPORT_COMPLETE', 'running'],
      ['IMPORT_FAILED', 'failed'],
      ['IMPORT_ROLLBACK_IN_PROGRESS', 'rolling back'],
      ['IMPORT_ROLLBACK_FAILED', 'failed'],
      ['EXPORT_IN_PROGRESS', 'unknown'],
    ];
    for (const [status, word] of table) assert.equal(resourceStatus(status).text, word, status);
  });

  it('puts servers in running, pending, draining, stopping, stopped or failed, whatever the case AWS wrote', () => {
    const table: Array<[string, string]> = [
      ['ACTIVE', 'running'],
      ['running', 'running'],
      ['REGISTERING', 'pending'],
      ['pending', 'pending'],
      ['DRAINING', 'draining'],
      ['DEREGISTERING', 'stopping'],
      ['stopping', 'stopping'],
      ['shutting-down', 'stopping'],
      ['INACTIVE', 'stopped'],
      ['stopped', 'stopped'],
      ['terminated', 'stopped'],
      ['REGISTRATION_FAILED', 'failed'],
      ['hibernating', 'unknown'],
    ];
    for (const [status, word] of table) assert.equal(serverStatus(status).text, word, status);
  });

  it('puts tasks in pending, running, stopping or stopped', () => {
    const table: Array<[string, string]> = [
      ['PROVISIONING', 'pending'],
      ['PENDING', 'pending'],
      ['ACTIVATING', 'pending'],
      ['RUNNING', 'running'],
      ['DEACTIVATING', 'stopping'],
      ['STOPPING', 'stopping'],
      ['DEPROVISIONING', 'stopping'],
      ['STOPPED', 'stopped'],
      ['LOST', 'unknown'],
    ];
    for (const [status, word] of table) assert.equal(containerStatus(status).text, word, status);
  });

  it('puts the rack’s own status in the same states', () => {
    const table: Array<[RackStatus, string]> = [
      ['running', 'running'],
      ['new', 'pending'],
      ['creating', 'pending'],
      ['updating', 'updating'],
      ['converging', 'updating'],
      ['rollback', 'rolling back'],
      ['failed', 'failed'],
      ['deleting', 'stopping'],
      ['unknown', 'unknown'],
    ];
    for (const [status, word] of table) assert.equal(rackComponentStatus(status).text, word, status);
  });

  it('tally in the legend’s order, whatever order they came in', () => {
    const statuses = ['STOPPED', 'PENDING', 'RUNNING', 'PENDING', 'RUNNING', 'RUNNING'].map(containerStatus);
    assert.equal(statusTally(statuses), '3 running, 2 pending, 1 stopped');
    assert.equal(statusTally([serverStatus('draining')]), '1 draining');
    assert.equal(statusTally([]), '');
  });
});
