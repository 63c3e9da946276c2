import * as assert from 'node:assert/strict';
import { rackStatus, withInstanceLifecycle } from '../../src/model/status';

describe('rack status from CloudFormation status, as `convox racks` prints it', () => {
  const table: Array<[string | undefined, string]> = [
    [undefined, 'new'],
    ['', 'new'],
    ['CREATE_IN_PROGRESS', 'creating'],
    ['CREATE_COMPLETE', 'running'],
    ['UPDATE_COMPLETE', 'running'],
    ['UPDATE_ROLLBACK_COMPLETE', 'running'],
    ['DELETE_FAILED', 'running'],
    ['DELETE_IN_PROGRESS', 'deleting'],
    ['ROLLBACK_IN_PROGRESS', 'rollback'],
    ['UPDATE_ROLLBACK_IN_PROGRESS', 'rollback'],
    ['UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', 'rollback'],
    ['ROLLBACK_COMPLETE', 'failed'],
    ['UPDATE_ROLLBACK_FAILED', 'failed'],
    ['UPDATE_IN_PROGRESS', 'updating'],
    ['UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'updating'],
    ['CREATE_FAILED', 'unknown'],
    ['ROLLBACK_FAILED', 'unknown'],
    ['DELETE_COMPLETE', 'unknown'],
    ['IMPORT_IN_PROGRESS', 'unknown'],
    ['IMPORT_COMPLETE', 'unknown'],
    ['IMPORT_ROLLBACK_IN_PROGRESS', 'unknown'],
    ['IMPORT_ROLLBACK_FAILED', 'unknown'],
    ['IMPORT_ROLLBACK_COMPLETE', 'unknown'],
    ['REVIEW_IN_PROGRESS', 'unknown'],
  ];
  for (const [stackStatus, expected] of table) {
    it(`${stackStatus === undefined ? '(none)' : stackStatus || '(empty)'} → ${expected}`, () => {
      assert.equal(rackStatus(stackStatus), expected);
    });
  }
});

describe('converging', () => {
  it('a running rack with an instance not InService is converging', () => {
    assert.equal(withInstanceLifecycle('running', ['InService', 'Pending', 'InService']), 'converging');
    assert.equal(withInstanceLifecycle('running', ['Terminating:Wait']), 'converging');
  });
  it('a running rack whose instances are all InService stays running', () => {
    assert.equal(withInstanceLifecycle('running', ['InService', 'InService']), 'running');
    assert.equal(withInstanceLifecycle('running', []), 'running');
  });
  it('only running racks can converge', () => {
    assert.equal(withInstanceLifecycle('updating', ['Pending']), 'updating');
    assert.equal(withInstanceLifecycle('failed', ['Pending']), 'failed');
  });
});
