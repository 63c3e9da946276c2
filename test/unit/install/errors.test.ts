import * as assert from 'node:assert/strict';
import { ChangeSetFailedError, NameTakenError } from '../../../src/model/install/errors';

describe('install errors say what exists and what to do', () => {
  it('a failed change set whose empty stack was removed frees the name', () => {
    const error = new ChangeSetFailedError('Template format error', 'prod', true);
    assert.equal(error.name, 'ChangeSetFailedError');
    assert.equal(
      error.message,
      'CloudFormation could not prepare the rack prod: Template format error. Its empty stack was deleted, so the name is free again.',
    );
  });

  it('one whose empty stack is still there says it blocks the name and how to remove it', () => {
    const error = new ChangeSetFailedError('Template format error', 'prod', false);
    assert.match(
      error.message,
      /empty stack \(REVIEW_IN_PROGRESS\) could not be deleted and blocks the name: delete it/,
    );
    assert.equal(error.cleaned, false);
  });

  it('a taken name is its own error', () => {
    assert.equal(new NameTakenError('taken').name, 'NameTakenError');
  });
});
