import * as assert from 'node:assert/strict';
import { isStackEvent, stackType, type StackEvent } from '../../src/model/stackEvents';

const event = (logicalId: string, resourceType: string): StackEvent => ({
  id: `${logicalId}-1`,
  at: new Date(0),
  logicalId,
  resourceType,
  status: 'UPDATE_COMPLETE',
});

describe('stack events about the stack itself', () => {
  it('are those of the stack type with the stack’s own name', () => {
    assert.equal(isStackEvent(event('production', stackType), 'production'), true);
  });

  it('leave out a nested stack, a stack resource of another name', () => {
    assert.equal(isStackEvent(event('ProductionApps', stackType), 'production'), false);
  });

  it('leave out a resource that shares the stack’s name', () => {
    assert.equal(isStackEvent(event('production', 'AWS::ECS::Cluster'), 'production'), false);
  });
});
